import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createPreorder } from "@/app/api/order/create_preorder/route";
import { POST as paymentUrl } from "@/app/api/order/get_preorder_paymenturl/route";
import { POST as wxpayParams } from "@/app/api/order/get_preorder_wxpay_params/route";
import { POST as orderList } from "@/app/api/order/list/route";
import { db } from "@/db";
import {
  paymentAttempts,
  refunds,
  sandboxRefunds,
  sandboxWxpayTrades,
  viewingRequests,
  wechatIdentities,
  wxpayNotifications,
} from "@/db/schema";
import { reconcilePendingPayments } from "@/lib/payments/reconcile";
import { insertHouse, sqliteRefusal } from "@/lib/payments/test-support";
import { callWxpay } from "@/lib/payments/wxpay/client";
import { transactionBody } from "@/lib/payments/wxpay/sandbox/gateway";
import {
  SANDBOX_MCH_ID,
  sandboxApiV3Key,
  sandboxMerchantKey,
  sandboxPlatformKey,
} from "@/lib/payments/wxpay/settings";
import { encryptResource, signedHeaders } from "@/lib/payments/wxpay/signing";
import { call, createUser } from "@/tests/helpers";
import { servePaymentSandboxes } from "@/tests/payment-sandboxes";
import { CONSENT, createTenant } from "@/tests/viewings";

const OA_APP_ID = "wx-test-oa";
let server: Awaited<ReturnType<typeof servePaymentSandboxes>>;

beforeAll(async () => {
  server = await servePaymentSandboxes(OA_APP_ID);
});
afterAll(() => server.close());

async function scenario({ withOpenid = true } = {}) {
  const landlord = await createUser({
    tel: "13800000011",
    wechat: "landlord-wx",
    nickname: "王房东",
  });
  const tenant = await createTenant({ tel: "13900000022", nickname: "李租客" });
  if (withOpenid)
    await db()
      .insert(wechatIdentities)
      .values({ userId: tenant.user.id, appid: OA_APP_ID, openid: `oa-${tenant.user.id}` });
  const house = await insertHouse(landlord.user.id);
  const created = await call(createPreorder, {
    token: tenant.token,
    form: { owner_id: landlord.user.id, house_id: house.id, ...CONSENT },
  });
  return { landlord, tenant, house, requestId: created.body.ans as number };
}

async function params(token: string, requestId: number) {
  return call(wxpayParams, { token, form: { pre_order_id: requestId } });
}

async function requestRow(id: number) {
  return db().query.viewingRequests.findFirst({ where: eq(viewingRequests.id, id) });
}

async function attemptsOf(requestId: number) {
  return db().select().from(paymentAttempts).where(eq(paymentAttempts.viewingRequestId, requestId));
}

async function payAtCashier(jsapi: Record<string, string>, action = "pay") {
  const response = await fetch(`${server.url}/api/sandbox/wxpay/cashier`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...jsapi, action }),
  });
  return (await response.json()) as { err_msg: string; reason?: string };
}

/** A notify as WeChat Pay sends it: encrypted resource, signed by the sandbox platform key. */
function signedNotify(
  resource: Record<string, unknown>,
  options: { eventType?: string; now?: Date; signWith?: string; originalType?: string } = {},
) {
  const platform = sandboxPlatformKey();
  const body = JSON.stringify({
    id: `notify-${Math.random()}`,
    create_time: new Date().toISOString(),
    resource_type: "encrypt-resource",
    event_type: options.eventType ?? "TRANSACTION.SUCCESS",
    summary: "支付成功",
    resource: encryptResource(
      JSON.stringify(resource),
      sandboxApiV3Key(),
      options.originalType ?? "transaction",
      "transaction",
    ),
  });
  const headers = signedHeaders(
    body,
    options.signWith ?? platform.privateKey,
    platform.id,
    options.now ?? new Date(),
  );
  return { body, headers };
}

async function deliver(notify: { body: string; headers: Record<string, string> }) {
  const response = await fetch(`${server.url}/api/payment/wx/notify`, {
    method: "POST",
    headers: { "content-type": "application/json", ...notify.headers },
    body: notify.body,
  });
  return { status: response.status, text: await response.text() };
}

function paidTransaction(outTradeNo: string, overrides: Record<string, unknown> = {}) {
  return {
    appid: OA_APP_ID,
    mchid: SANDBOX_MCH_ID,
    out_trade_no: outTradeNo,
    transaction_id: "4200000000000000000000000001",
    trade_type: "JSAPI",
    trade_state: "SUCCESS",
    payer: { openid: "oa-x" },
    amount: { total: 1000, payer_total: 1000, currency: "CNY", payer_currency: "CNY" },
    ...overrides,
  };
}

async function pendingWxAttempt() {
  const people = await scenario();
  await params(people.tenant.token, people.requestId);
  const [attempt] = await attemptsOf(people.requestId);
  if (!attempt) throw new Error("no attempt");
  return { ...people, attempt };
}
describe("/api/order/get_preorder_wxpay_params", () => {
  it("answers signed JSAPI parameters for the tenant and reuses the pending attempt", async () => {
    const { tenant, requestId } = await scenario();
    const first = await params(tenant.token, requestId);
    expect(first.body.status, first.body.msg).toBe(0);
    const ans = first.body.ans as Record<string, string>;
    expect(ans).toMatchObject({ appId: OA_APP_ID, signType: "RSA" });
    expect(ans.timeStamp).toMatch(/^\d{10}$/);
    expect(ans.package).toMatch(/^prepay_id=wx[0-9a-f]+$/);
    const again = await params(tenant.token, requestId);
    expect((again.body.ans as Record<string, string>).package).toBe(ans.package);
    const attempts = await attemptsOf(requestId);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ provider: "wxpay", amountCents: 1000, status: "pending" });
    const trade = await db().query.sandboxWxpayTrades.findFirst({
      where: eq(sandboxWxpayTrades.outTradeNo, attempts[0]?.outTradeNo ?? ""),
    });
    expect(trade).toMatchObject({
      totalFen: 1000,
      openid: `oa-${tenant.user.id}`,
      appid: OA_APP_ID,
    });
    expect(trade?.notifyUrl).toBe(`${server.url}/api/payment/wx/notify`);
  });

  it("refuses others (6), paid requests (8), and explains a missing Official Account openid (8)", async () => {
    const { landlord, requestId } = await scenario();
    expect((await params(landlord.token, requestId)).body.status).toBe(6);
    const stranger = await createUser();
    expect((await params(stranger.token, requestId)).body.status).toBe(7);

    const noOpenid = await scenario({ withOpenid: false });
    const refused = await params(noOpenid.tenant.token, noOpenid.requestId);
    expect(refused.body).toMatchObject({
      status: 8,
      ans: { reason: "oa_openid_required", authorize_path: "/api/wechat/oa_openid" },
    });
    expect(refused.body.msg).toContain("公众号");
    expect(await attemptsOf(noOpenid.requestId)).toHaveLength(0);
  });
});

describe("paying in the sandbox cashier", () => {
  it("checks paySign, sends the encrypted notify, and the request becomes paid once", async () => {
    const { tenant, requestId } = await scenario();
    const jsapi = (await params(tenant.token, requestId)).body.ans as Record<string, string>;
    expect(
      await payAtCashier({ ...jsapi, paySign: `${jsapi.paySign?.slice(0, -4)}AAA=` }),
    ).toMatchObject({
      err_msg: "get_brand_wcpay_request:fail",
      reason: "paySign 签名错误",
    });
    expect(await payAtCashier(jsapi, "cancel")).toEqual({
      err_msg: "get_brand_wcpay_request:cancel",
    });
    expect(await requestRow(requestId)).toMatchObject({ status: 1 });

    expect(await payAtCashier(jsapi)).toEqual({ err_msg: "get_brand_wcpay_request:ok" });
    expect(await requestRow(requestId)).toMatchObject({ status: 2 });
    const [attempt] = await attemptsOf(requestId);
    expect(attempt).toMatchObject({ status: "paid" });
    expect(attempt?.tradeNo).toMatch(/^42000\d{23}$/);
    const notes = await db()
      .select()
      .from(wxpayNotifications)
      .where(eq(wxpayNotifications.outTradeNo, attempt?.outTradeNo ?? ""));
    expect(notes.map((n) => n.outcome)).toEqual(["paid"]);
    expect(JSON.parse(notes[0]?.signatureHeaders ?? "{}").serial).toBe(sandboxPlatformKey().id);
    expect(
      await sqliteRefusal(() => db().update(wxpayNotifications).set({ outcome: "x" }).run()),
    ).toMatch(/append-only/);
    expect(await sqliteRefusal(() => db().delete(wxpayNotifications).run())).toMatch(/append-only/);

    const paidAgain = await params(tenant.token, requestId);
    expect(paidAgain.body.status).toBe(8);
    const list = await call(orderList, { token: tenant.token });
    const item = (list.body.ans as { as_tenant: Record<string, unknown>[] }).as_tenant[0];
    expect(item).toMatchObject({ payment_provider: "wxpay", payment_provider_text: "微信支付" });
  });
});

describe("/api/payment/wx/notify", () => {
  it("refuses forged, stale, foreign, unknown and mismatched notifies with FAIL so WeChat retries", async () => {
    const { attempt, requestId } = await pendingWxAttempt();
    const forger = sandboxMerchantKey().privateKey; // any key but WeChat Pay's
    const cases: [ReturnType<typeof signedNotify>, number, string][] = [
      [
        signedNotify(paidTransaction(attempt.outTradeNo), { signWith: forger as never }),
        401,
        "bad_signature",
      ],
      [
        signedNotify(paidTransaction(attempt.outTradeNo), {
          now: new Date(Date.now() - 6 * 60_000),
        }),
        401,
        "stale_timestamp",
      ],
      [
        signedNotify(paidTransaction(attempt.outTradeNo, { mchid: "1900000999" })),
        400,
        "wrong_mchid",
      ],
      [
        signedNotify(paidTransaction(attempt.outTradeNo, { appid: "wx-other" })),
        400,
        "wrong_appid",
      ],
      [signedNotify(paidTransaction("VR20261201unknown")), 400, "unknown_trade"],
      [
        signedNotify(
          paidTransaction(attempt.outTradeNo, { amount: { total: 1, currency: "CNY" } }),
        ),
        400,
        "amount_mismatch",
      ],
    ];
    for (const [notify, status, outcome] of cases) {
      const answer = await deliver(notify);
      expect(answer.status, outcome).toBe(status);
      expect(JSON.parse(answer.text)).toEqual({ code: "FAIL", message: outcome });
    }
    // A tampered body breaks the signature even though it still decrypts.
    const valid = signedNotify(paidTransaction(attempt.outTradeNo));
    const tampered = await deliver({
      ...valid,
      body: valid.body.replace('"summary":"支付成功"', '"summary":"x"'),
    });
    expect(tampered.status).toBe(401);
    const stored = await db().select().from(wxpayNotifications);
    for (const [, , outcome] of cases) expect(stored.map((n) => n.outcome)).toContain(outcome);
    expect(await requestRow(requestId)).toMatchObject({ status: 1 });
    expect((await attemptsOf(requestId))[0]).toMatchObject({ status: "pending" });
  });

  it("applies 20 concurrent duplicates of a valid notify once, answering every one 204", async () => {
    const { attempt, requestId } = await pendingWxAttempt();
    const notify = signedNotify(paidTransaction(attempt.outTradeNo));
    const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(notify)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(204));
    const outcomes = (
      await db()
        .select()
        .from(wxpayNotifications)
        .where(eq(wxpayNotifications.outTradeNo, attempt.outTradeNo))
    ).map((n) => n.outcome);
    expect(outcomes.filter((o) => o === "paid")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "already_paid")).toHaveLength(19);
    expect(await requestRow(requestId)).toMatchObject({ status: 2 });
  });

  it("refunds a late success on a closed attempt whose request was paid with Alipay meanwhile", async () => {
    const { tenant, attempt, requestId } = await pendingWxAttempt();
    // The tenant switches to Alipay and pays there; the WeChat Pay attempt was closed.
    await db()
      .update(paymentAttempts)
      .set({ status: "closed" })
      .where(eq(paymentAttempts.id, attempt.id));
    const url = await call(paymentUrl, {
      token: tenant.token,
      form: { pre_order_id: requestId, return_url: `${server.url}/pay/return` },
    });
    const opened = await fetch((url.body.ans as { payment_url: string }).payment_url, {
      redirect: "manual",
    });
    const ticket = new URL(opened.headers.get("location") ?? "").searchParams.get("ticket") ?? "";
    await fetch(`${server.url}/api/sandbox/alipay/checkout`, {
      method: "POST",
      body: new URLSearchParams({ ticket, action: "pay" }),
      redirect: "manual",
    });
    expect(await requestRow(requestId)).toMatchObject({ status: 2 });

    // Then the WeChat payment succeeds after all (the trade exists in the sandbox).
    await db()
      .update(sandboxWxpayTrades)
      .set({ tradeState: "SUCCESS", successAt: new Date() })
      .where(eq(sandboxWxpayTrades.outTradeNo, attempt.outTradeNo));
    const trade = await db().query.sandboxWxpayTrades.findFirst({
      where: eq(sandboxWxpayTrades.outTradeNo, attempt.outTradeNo),
    });
    if (!trade) throw new Error("no sandbox trade");
    const answer = await deliver(signedNotify(transactionBody(trade)));
    expect(answer.status).toBe(204);
    const refund = await db().query.refunds.findFirst({
      where: eq(refunds.paymentAttemptId, attempt.id),
    });
    expect(refund).toMatchObject({ provider: "wxpay", status: "succeeded", amountCents: 1000 });
    expect((await attemptsOf(requestId)).find((a) => a.id === attempt.id)).toMatchObject({
      status: "refunded",
    });
    // The request stays paid through its Alipay attempt; one refund at WeChat Pay.
    expect(await requestRow(requestId)).toMatchObject({ status: 2 });
    const atWechat = await db()
      .select()
      .from(sandboxRefunds)
      .where(eq(sandboxRefunds.outTradeNo, attempt.outTradeNo));
    expect(atWechat).toHaveLength(1);
    // The retried notify changes nothing and is still answered 204.
    expect((await deliver(signedNotify(transactionBody(trade)))).status).toBe(204);
    expect(
      await db()
        .select()
        .from(sandboxRefunds)
        .where(eq(sandboxRefunds.outTradeNo, attempt.outTradeNo)),
    ).toHaveLength(1);
  });

  it("marks a success on a closed attempt paid when the request is still unpaid", async () => {
    const { attempt, requestId } = await pendingWxAttempt();
    await db()
      .update(paymentAttempts)
      .set({ status: "closed" })
      .where(eq(paymentAttempts.id, attempt.id));
    expect((await deliver(signedNotify(paidTransaction(attempt.outTradeNo)))).status).toBe(204);
    expect(await requestRow(requestId)).toMatchObject({ status: 2 });
    expect(
      await db().query.refunds.findFirst({ where: eq(refunds.paymentAttemptId, attempt.id) }),
    ).toBeUndefined();
  });
});

describe("sandbox gateway and reconciliation", () => {
  it("refuses unsigned or wrongly signed requests with a signed SIGN_ERROR", async () => {
    const response = await fetch(
      `${server.url}/api/sandbox/wxpay/v3/pay/transactions/out-trade-no/VR1?mchid=${SANDBOX_MCH_ID}`,
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "SIGN_ERROR" });
    expect(response.headers.get("wechatpay-signature")).toBeTruthy();
    // The real client: a signed query for an unknown order is a verified 404.
    const { status, data } = await callWxpay(
      "GET",
      `/v3/pay/transactions/out-trade-no/VR1?mchid=${SANDBOX_MCH_ID}`,
    );
    expect(status).toBe(404);
    expect(data).toMatchObject({ code: "ORDER_NOT_EXIST" });
  });

  it("settles a lost notify from the order query and closes orders past time_expire", async () => {
    const paid = await pendingWxAttempt();
    const expired = await pendingWxAttempt();
    await db()
      .update(sandboxWxpayTrades)
      .set({ tradeState: "SUCCESS", successAt: new Date() })
      .where(eq(sandboxWxpayTrades.outTradeNo, paid.attempt.outTradeNo));
    const in20Minutes = new Date(Date.now() + 20 * 60_000);
    const first = await reconcilePendingPayments(15, in20Minutes);
    expect(first).toMatchObject({ paid: 1, closed: 0 });
    expect(await requestRow(paid.requestId)).toMatchObject({ status: 2 });
    expect((await attemptsOf(expired.requestId))[0]).toMatchObject({ status: "pending" });

    const in3Hours = new Date(Date.now() + 3 * 3600_000);
    const second = await reconcilePendingPayments(15, in3Hours);
    expect(second.closed).toBeGreaterThanOrEqual(1);
    expect((await attemptsOf(expired.requestId))[0]).toMatchObject({ status: "closed" });
    const trade = await db().query.sandboxWxpayTrades.findFirst({
      where: eq(sandboxWxpayTrades.outTradeNo, expired.attempt.outTradeNo),
    });
    expect(trade?.tradeState).toBe("CLOSED");
  });
});
