import { createSign, generateKeyPairSync } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createPreorder } from "@/app/api/order/create_preorder/route";
import { POST as orderDetail } from "@/app/api/order/detail/route";
import { POST as paymentUrl } from "@/app/api/order/get_preorder_paymenturl/route";
import { POST as orderList } from "@/app/api/order/list/route";
import { POST as notify } from "@/app/api/payment/ali/notify/route";
import { POST as checkout } from "@/app/api/sandbox/alipay/checkout/route";
import { GET as gateway } from "@/app/api/sandbox/alipay/gateway.do/route";
import { db } from "@/db";
import {
  alipayNotifications,
  HouseStatus,
  paymentAttempts,
  sandboxAlipayTrades,
  viewingRequests,
} from "@/db/schema";
import { SANDBOX_APP_ID, SANDBOX_SELLER_ID } from "@/lib/alipay/client";
import { signAsAlipay } from "@/lib/alipay/sandbox/signing";
import { chinaTimestamp } from "@/lib/china-time";
import { reconcilePendingPayments } from "@/lib/payments/reconcile";
import { insertHouse, serveRoutes, sqliteRefusal } from "@/lib/payments/test-support";
import { buildRequest, call, createUser } from "@/tests/helpers";
import { CONSENT, createTenant } from "@/tests/viewings";

let server: Awaited<ReturnType<typeof serveRoutes>>;

beforeAll(async () => {
  server = await serveRoutes({
    "/api/sandbox/alipay/gateway.do": gateway,
    "/api/sandbox/alipay/checkout": checkout,
    "/api/payment/ali/notify": notify,
  });
  // Before the first env() call: the app, its notify_url and the sandbox gateway are this server.
  process.env.APP_URL = server.url;
  process.env.ALIPAY_RETURN_ORIGINS = "https://m.zhizu.example, https://partner.example";
});
afterAll(() => server.close());

async function scenario() {
  const landlord = await createUser({
    tel: "13800000001",
    wechat: "landlord-wx",
    nickname: "王房东",
  });
  const tenant = await createTenant({
    tel: "13900000002",
    wechat: "tenant-wx",
    nickname: "李租客",
  });
  const house = await insertHouse(landlord.user.id);
  return { landlord, tenant, house };
}

async function preorder(token: string, ownerId: number, houseId: number, legacy = false) {
  return call(createPreorder, {
    token,
    legacy,
    form: { owner_id: ownerId, house_id: houseId, ...CONSENT },
  });
}

async function requestRow(id: number) {
  const [row] = await db().select().from(viewingRequests).where(eq(viewingRequests.id, id));
  return row;
}

async function attemptsOf(requestId: number) {
  return db().select().from(paymentAttempts).where(eq(paymentAttempts.viewingRequestId, requestId));
}

async function notificationsFor(outTradeNo: string) {
  return db()
    .select()
    .from(alipayNotifications)
    .where(eq(alipayNotifications.outTradeNo, outTradeNo));
}

/** A tenant's unpaid request with its payment URL (and so one pending attempt). */
async function unpaidRequest() {
  const people = await scenario();
  const created = await preorder(people.tenant.token, people.landlord.user.id, people.house.id);
  const requestId = created.body.ans as number;
  const returnUrl = `${server.url}/pay/return?pre_order_id=${requestId}`;
  const url = await call(paymentUrl, {
    token: people.tenant.token,
    form: { pre_order_id: requestId, return_url: returnUrl },
  });
  expect(url.body.status).toBe(0);
  const [attempt] = await attemptsOf(requestId);
  if (!attempt) throw new Error("no attempt");
  return {
    ...people,
    requestId,
    returnUrl,
    paymentUrl: url.body.ans.payment_url as string,
    attempt,
  };
}

/** Notify fields as Alipay sends them for a paid trade, before signing. */
function notifyFields(outTradeNo: string, overrides: Record<string, string> = {}) {
  return {
    notify_time: chinaTimestamp(),
    notify_type: "trade_status_sync",
    notify_id: `nid${Math.random().toString(36).slice(2)}`,
    app_id: SANDBOX_APP_ID,
    auth_app_id: SANDBOX_APP_ID,
    charset: "utf-8",
    version: "1.0",
    sign_type: "RSA2",
    trade_no: "2026112822001400000000000001",
    out_trade_no: outTradeNo,
    buyer_id: "2088000000000099",
    seller_id: SANDBOX_SELLER_ID,
    trade_status: "TRADE_SUCCESS",
    total_amount: "10.00",
    gmt_payment: chinaTimestamp(),
    passback_params: "a%3D1",
    ...overrides,
  };
}

async function deliver(params: Record<string, string>, legacy = false) {
  const response = await notify(
    buildRequest({
      method: "POST",
      path: legacy ? "/payment/ali/nontify/pre_order_payment" : "/api/payment/ali/notify",
      form: params,
      legacy,
    }),
  );
  return { text: await response.text(), type: response.headers.get("content-type") };
}

async function payThroughSandbox(paymentUrlValue: string) {
  const opened = await fetch(paymentUrlValue, { redirect: "manual" });
  expect(opened.status).toBe(303);
  const checkoutUrl = new URL(opened.headers.get("location") ?? "");
  expect(checkoutUrl.pathname).toBe("/sandbox/alipay/checkout");
  const ticket = checkoutUrl.searchParams.get("ticket") ?? "";
  const submitted = await fetch(`${server.url}/api/sandbox/alipay/checkout`, {
    method: "POST",
    body: new URLSearchParams({ ticket, action: "pay" }),
    redirect: "manual",
  });
  expect(submitted.status).toBe(303);
  return new URL(submitted.headers.get("location") ?? "");
}

describe("/api/order/create_preorder", () => {
  it("creates one open request per tenant and listing, answering its id with msg OK", async () => {
    const { landlord, tenant, house } = await scenario();
    const first = await preorder(tenant.token, landlord.user.id, house.id);
    expect(first.body).toEqual({ status: 0, msg: "OK", ans: expect.any(Number) });
    const again = await preorder(tenant.token, landlord.user.id, house.id);
    expect(again.body.ans).toBe(first.body.ans);
    const concurrent = await Promise.all(
      [1, 2, 3].map(() => preorder(tenant.token, landlord.user.id, house.id)),
    );
    expect(new Set(concurrent.map((r) => r.body.ans))).toEqual(new Set([first.body.ans]));
    const rows = await db()
      .select()
      .from(viewingRequests)
      .where(eq(viewingRequests.houseId, house.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 1,
      tenantId: tenant.user.id,
      ownerId: landlord.user.id,
    });
  });

  it("refuses an owner requesting their own listing", async () => {
    const { landlord, house } = await scenario();
    const own = await preorder(landlord.token, landlord.user.id, house.id);
    expect(own).toMatchObject({ http: 403, body: { status: 6 } });
    expect(own.body.msg).toContain("同一人");
    expect(
      await db().select().from(viewingRequests).where(eq(viewingRequests.houseId, house.id)),
    ).toHaveLength(0);
  });

  it("refuses unpublished listings, unknown ones and a wrong owner_id, naming the field", async () => {
    const { landlord, tenant } = await scenario();
    const draft = await insertHouse(landlord.user.id, HouseStatus.draft);
    const offline = await insertHouse(landlord.user.id, HouseStatus.offline);
    for (const houseId of [draft.id, offline.id, 999_999]) {
      const result = await preorder(tenant.token, landlord.user.id, houseId);
      expect(result).toMatchObject({ http: 400, body: { status: 2, ans: { field: "house_id" } } });
    }
    const other = await createUser();
    const published = await insertHouse(landlord.user.id);
    const wrongOwner = await preorder(tenant.token, other.user.id, published.id);
    expect(wrongOwner.body).toMatchObject({ status: 2, ans: { field: "owner_id" } });
    const injected = await call(createPreorder, {
      token: tenant.token,
      form: { owner_id: "1 or 1=1", house_id: published.id },
    });
    expect(injected.body).toMatchObject({ status: 2, ans: { field: "owner_id" } });
    expect(
      await db().select().from(viewingRequests).where(eq(viewingRequests.tenantId, tenant.user.id)),
    ).toHaveLength(0);
  });

  it("answers HTTP 200 on the legacy path and requires a login", async () => {
    const { landlord, tenant, house } = await scenario();
    const legacy = await preorder(tenant.token, landlord.user.id, house.id, true);
    expect(legacy).toMatchObject({ http: 200, body: { status: 0, msg: "OK" } });
    const anonymous = await call(createPreorder, {
      form: { owner_id: landlord.user.id, house_id: house.id },
    });
    expect(anonymous.body.status).toBe(4);
  });
});

describe("/api/order/get_preorder_paymenturl", () => {
  it("signs a wap-pay URL for the tenant and reuses the pending attempt", async () => {
    const { tenant, requestId, returnUrl, paymentUrl: first, attempt } = await unpaidRequest();
    expect(attempt.outTradeNo).toMatch(/^VR\d{8}[0-9a-f]{20}$/);
    expect(attempt).toMatchObject({ amountCents: 1000, status: "pending" });
    const url = new URL(first);
    expect(url.searchParams.get("method")).toBe("alipay.trade.wap.pay");
    expect(url.searchParams.get("notify_url")).toBe(`${server.url}/api/payment/ali/notify`);
    expect(url.searchParams.get("return_url")).toBe(returnUrl);
    expect(JSON.parse(url.searchParams.get("biz_content") ?? "{}")).toEqual({
      out_trade_no: attempt.outTradeNo,
      total_amount: "10.00",
      subject: "看房信息费",
      product_code: "QUICK_WAP_WAY",
      quit_url: returnUrl,
    });
    const again = await call(paymentUrl, {
      token: tenant.token,
      legacy: true,
      form: { pre_order_id: requestId, return_url: "https://m.zhizu.example/pay/done" },
    });
    expect(again).toMatchObject({ http: 200, body: { status: 0, ans: { result: "SUCCESS" } } });
    expect(await attemptsOf(requestId)).toHaveLength(1);
  });

  it("refuses return URLs on foreign origins, javascript: and other schemes", async () => {
    const { tenant, requestId } = await unpaidRequest();
    for (const returnUrl of [
      "https://evil.example/steal",
      "javascript:alert(document.cookie)",
      "//evil.example/x",
      "/relative/path",
      "data:text/html,hi",
      `http://user:pw@${new URL(server.url).host}/x`,
      "self.application.settings",
    ]) {
      const result = await call(paymentUrl, {
        token: tenant.token,
        form: { pre_order_id: requestId, return_url: returnUrl },
      });
      expect(result.body, returnUrl).toMatchObject({ status: 2, ans: { field: "return_url" } });
    }
    // The legacy service evaluated "self." in either parameter as Python; here it is just invalid.
    const evaluated = await call(paymentUrl, {
      token: tenant.token,
      form: { pre_order_id: "self.application", return_url: `${server.url}/pay/return` },
    });
    expect(evaluated.body).toMatchObject({ status: 2, ans: { field: "pre_order_id" } });
    expect(await attemptsOf(requestId)).toHaveLength(1);
  });

  it("only lets the request's tenant pay, and only while unpaid", async () => {
    const { landlord, tenant, requestId, returnUrl, paymentUrl: url } = await unpaidRequest();
    const stranger = await createUser();
    const byStranger = await call(paymentUrl, {
      token: stranger.token,
      form: { pre_order_id: requestId, return_url: returnUrl },
    });
    expect(byStranger.body.status).toBe(7);
    const byLandlord = await call(paymentUrl, {
      token: landlord.token,
      form: { pre_order_id: requestId, return_url: returnUrl },
    });
    expect(byLandlord.body.status).toBe(6);
    const unknown = await call(paymentUrl, {
      token: stranger.token,
      form: { pre_order_id: 987_654, return_url: returnUrl },
    });
    expect(unknown.body.status).toBe(7);
    await payThroughSandbox(url);
    const afterPaying = await call(paymentUrl, {
      token: tenant.token,
      form: { pre_order_id: requestId, return_url: returnUrl },
    });
    expect(afterPaying.body.status).toBe(8);
    expect(await attemptsOf(requestId)).toHaveLength(1);
  });
});

describe("paying through the sandbox", () => {
  it("preorder → payment URL → sandbox confirm → notify → paid, then paying again is refused", async () => {
    const {
      tenant,
      landlord,
      requestId,
      returnUrl,
      paymentUrl: url,
      attempt,
    } = await unpaidRequest();
    const back = await payThroughSandbox(url);
    expect(back.origin + back.pathname).toBe(
      new URL(returnUrl).origin + new URL(returnUrl).pathname,
    );
    expect(back.searchParams.get("pre_order_id")).toBe(String(requestId));
    expect(back.searchParams.get("method")).toBe("alipay.trade.wap.pay.return");
    expect(back.searchParams.get("out_trade_no")).toBe(attempt.outTradeNo);
    expect(back.searchParams.get("sign")).toBeTruthy();

    expect(await requestRow(requestId)).toMatchObject({ status: 2, paidAt: expect.any(Date) });
    const [paid] = await attemptsOf(requestId);
    expect(paid).toMatchObject({
      status: "paid",
      amountCents: 1000,
      tradeNo: expect.stringMatching(/^\d{28}$/),
    });
    const notes = await notificationsFor(attempt.outTradeNo);
    expect(notes.map((n) => n.outcome)).toEqual(["paid"]);
    expect(notes[0]?.rawBody).toContain("trade_status=TRADE_SUCCESS");
    const [trade] = await db()
      .select()
      .from(sandboxAlipayTrades)
      .where(eq(sandboxAlipayTrades.outTradeNo, attempt.outTradeNo));
    expect(trade).toMatchObject({ status: "TRADE_SUCCESS", notifyAnswer: "success" });

    const again = await call(paymentUrl, {
      token: tenant.token,
      form: { pre_order_id: requestId, return_url: returnUrl },
    });
    expect(again).toMatchObject({ http: 409, body: { status: 8 } });
    // The same payment page cannot be paid twice either.
    const reopened = await fetch(url, { redirect: "manual" });
    expect(reopened.status).toBe(409);

    const tenantView = await call(orderDetail, {
      token: tenant.token,
      query: { pre_order_id: requestId },
    });
    expect(tenantView.body.ans).toMatchObject({ role: "tenant", status: 2, status_text: "已支付" });
    const list = await call(orderList, { token: landlord.token });
    const item = list.body.ans.as_landlord.find((i: { id: number }) => i.id === requestId);
    expect(item).toMatchObject({
      status: 2,
      counterpart_nickname: "李租客",
      contact: { tel: "13900000002", wechat: "tenant-wx", nickname: "李租客" },
      listing: {
        title: "朝阳门两居室",
        community: "朝阳门小区",
        rent: 5200,
        cover_thumb_url: null,
      },
    });
    const stranger = await createUser();
    const hidden = await call(orderDetail, {
      token: stranger.token,
      query: { pre_order_id: requestId },
    });
    expect(hidden).toMatchObject({ http: 404, body: { status: 7 } });
    const legacyHidden = await call(orderDetail, {
      token: stranger.token,
      legacy: true,
      query: { pre_order_id: requestId },
    });
    expect(legacyHidden).toMatchObject({ http: 200, body: { status: 7 } });
  });

  it("lists requests for both sides, hiding the tenant's contact until paid", async () => {
    const { landlord, tenant, requestId } = await unpaidRequest();
    const forLandlord = await call(orderList, { token: landlord.token, legacy: true });
    expect(forLandlord.http).toBe(200);
    const item = forLandlord.body.ans.as_landlord.find((i: { id: number }) => i.id === requestId);
    expect(item).toMatchObject({
      status: 1,
      status_text: "待支付",
      counterpart_nickname: "李租客",
      contact: null,
      paid_at: null,
    });
    expect(JSON.stringify(forLandlord.body)).not.toContain("13900000002");
    const forTenant = await call(orderList, { token: tenant.token });
    expect(forTenant.body.ans.as_tenant.map((i: { id: number }) => i.id)).toContain(requestId);
    expect(forTenant.body.ans.as_landlord).toEqual([]);
  });

  it("refuses a payment URL whose amount was tampered with", async () => {
    const { paymentUrl: url, attempt } = await unpaidRequest();
    const tampered = new URL(url);
    const biz = JSON.parse(tampered.searchParams.get("biz_content") ?? "{}");
    tampered.searchParams.set("biz_content", JSON.stringify({ ...biz, total_amount: "0.01" }));
    const response = await fetch(tampered, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("isv.invalid-signature");
    const trades = await db()
      .select()
      .from(sandboxAlipayTrades)
      .where(eq(sandboxAlipayTrades.outTradeNo, attempt.outTradeNo));
    expect(trades).toHaveLength(0);
  });

  it("closes the attempt when the buyer cancels, and a new payment URL uses a new number", async () => {
    const { tenant, requestId, returnUrl, paymentUrl: url, attempt } = await unpaidRequest();
    const opened = await fetch(url, { redirect: "manual" });
    const ticket = new URL(opened.headers.get("location") ?? "").searchParams.get("ticket") ?? "";
    const cancelled = await fetch(`${server.url}/api/sandbox/alipay/checkout`, {
      method: "POST",
      body: new URLSearchParams({ ticket, action: "cancel" }),
      redirect: "manual",
    });
    expect(cancelled.headers.get("location")).toBe(returnUrl);
    expect(await requestRow(requestId)).toMatchObject({ status: 1 });
    expect((await attemptsOf(requestId))[0]).toMatchObject({ status: "closed" });
    expect((await notificationsFor(attempt.outTradeNo)).map((n) => n.outcome)).toEqual(["closed"]);

    const next = await call(paymentUrl, {
      token: tenant.token,
      form: { pre_order_id: requestId, return_url: returnUrl },
    });
    const attempts = await attemptsOf(requestId);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]?.outTradeNo).not.toBe(attempt.outTradeNo);
    await payThroughSandbox(next.body.ans.payment_url);
    expect(await requestRow(requestId)).toMatchObject({ status: 2 });
  });
});

describe("/api/payment/ali/notify", () => {
  it("accepts a correctly signed TRADE_SUCCESS once; repeats and concurrent deliveries change nothing", async () => {
    const { requestId, attempt } = await unpaidRequest();
    const signed = signAsAlipay(notifyFields(attempt.outTradeNo));
    const [a, b] = await Promise.all([deliver(signed), deliver(signed)]);
    expect([a.text, b.text]).toEqual(["success", "success"]);
    expect(a.type).toContain("text/plain");
    const paidAt = (await requestRow(requestId))?.paidAt;
    const replay = await deliver(signed, true);
    expect(replay.text).toBe("success");
    expect(await requestRow(requestId)).toMatchObject({ status: 2, paidAt });
    expect((await attemptsOf(requestId))[0]).toMatchObject({
      status: "paid",
      tradeNo: "2026112822001400000000000001",
    });
    const outcomes = (await notificationsFor(attempt.outTradeNo)).map((n) => n.outcome).sort();
    expect(outcomes).toEqual(["already_paid", "already_paid", "paid"]);
  });

  it("answers success without change for a request that is already paid", async () => {
    const { requestId, paymentUrl: url, attempt } = await unpaidRequest();
    await payThroughSandbox(url);
    await db().update(viewingRequests).set({ status: 3 }).where(eq(viewingRequests.id, requestId));
    const late = await deliver(
      signAsAlipay(notifyFields(attempt.outTradeNo, { trade_status: "TRADE_FINISHED" })),
    );
    expect(late.text).toBe("success");
    expect(await requestRow(requestId)).toMatchObject({ status: 3 });
  });

  it("refuses forged signatures, tampered amounts, wrong app or seller and unknown trades", async () => {
    const { requestId, attempt } = await unpaidRequest();
    const forger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const fields = notifyFields(attempt.outTradeNo);
    const content = Object.keys(fields)
      .filter((key) => key !== "sign_type")
      .sort()
      .map((key) => `${key}=${fields[key as keyof typeof fields]}`)
      .join("&");
    const forged = {
      ...fields,
      sign: createSign("RSA-SHA256").update(content).sign(forger, "base64"),
    };
    const valid = signAsAlipay(notifyFields(attempt.outTradeNo));
    const cases: [Record<string, string>, string][] = [
      [forged, "bad_signature"],
      [{ ...valid, total_amount: "0.01" }, "bad_signature"],
      [{ ...valid, sign: "" }, "bad_signature"],
      [signAsAlipay(notifyFields(attempt.outTradeNo, { total_amount: "0.01" })), "amount_mismatch"],
      [
        signAsAlipay(notifyFields(attempt.outTradeNo, { total_amount: "10.001" })),
        "amount_mismatch",
      ],
      [
        signAsAlipay(notifyFields(attempt.outTradeNo, { app_id: "2021000000000999" })),
        "wrong_app_id",
      ],
      [
        signAsAlipay(notifyFields(attempt.outTradeNo, { seller_id: "2088999999999999" })),
        "wrong_seller_id",
      ],
      [signAsAlipay(notifyFields("VR20260101unknown")), "unknown_trade"],
      [signAsAlipay(notifyFields(String(requestId))), "unknown_trade"],
    ];
    for (const [params, outcome] of cases) {
      const answer = await deliver(params);
      expect(answer.text, outcome).toBe("fail");
    }
    expect(await requestRow(requestId)).toMatchObject({ status: 1, paidAt: null });
    expect((await attemptsOf(requestId))[0]).toMatchObject({ status: "pending" });
    const stored = await db().select().from(alipayNotifications);
    for (const [, outcome] of cases) expect(stored.map((n) => n.outcome)).toContain(outcome);
    // The audit trail is append-only.
    expect(
      await sqliteRefusal(() => db().update(alipayNotifications).set({ outcome: "paid" }).run()),
    ).toMatch(/append-only/);
    expect(await sqliteRefusal(() => db().delete(alipayNotifications).run())).toMatch(
      /append-only/,
    );
    expect(await db().select().from(alipayNotifications)).toEqual(stored);
  });

  it("answers fail in plain text, not the JSON envelope, when handling it breaks", async () => {
    const { requestId, attempt } = await unpaidRequest();
    const signed = signAsAlipay(notifyFields(attempt.outTradeNo));
    await db().run(sql`ALTER TABLE alipay_notifications RENAME TO alipay_notifications_away`);
    try {
      const broken = await deliver(signed);
      expect(broken).toEqual({ text: "fail", type: "text/plain; charset=utf-8" });
      expect(await requestRow(requestId)).toMatchObject({ status: 1, paidAt: null });
    } finally {
      await db().run(sql`ALTER TABLE alipay_notifications_away RENAME TO alipay_notifications`);
    }
    // Alipay retries; the retry is handled normally.
    expect((await deliver(signed)).text).toBe("success");
    expect(await requestRow(requestId)).toMatchObject({ status: 2 });
  });

  it("does not mark TRADE_CLOSED or WAIT_BUYER_PAY as paid", async () => {
    const { requestId, attempt } = await unpaidRequest();
    const waiting = await deliver(
      signAsAlipay(notifyFields(attempt.outTradeNo, { trade_status: "WAIT_BUYER_PAY" })),
    );
    expect(waiting.text).toBe("success");
    expect((await attemptsOf(requestId))[0]).toMatchObject({ status: "pending" });
    const closed = await deliver(
      signAsAlipay(notifyFields(attempt.outTradeNo, { trade_status: "TRADE_CLOSED" })),
    );
    expect(closed.text).toBe("success");
    expect(await requestRow(requestId)).toMatchObject({ status: 1 });
    expect((await attemptsOf(requestId))[0]).toMatchObject({ status: "closed" });
    expect((await notificationsFor(attempt.outTradeNo)).map((n) => n.outcome)).toEqual([
      "ignored_WAIT_BUYER_PAY",
      "closed",
    ]);
  });
});

describe("reconciliation", () => {
  it("settles stale pending attempts from alipay.trade.query, leaving fresh and unknown ones", async () => {
    const paid = await unpaidRequest();
    const notOpened = await unpaidRequest();
    // Paid in the sandbox, but the notify never arrived (e.g. notify_url unreachable).
    const opened = await fetch(paid.paymentUrl, { redirect: "manual" });
    const ticket = new URL(opened.headers.get("location") ?? "").searchParams.get("ticket") ?? "";
    await db()
      .update(sandboxAlipayTrades)
      .set({ notifyUrl: "http://127.0.0.1:9/unreachable" })
      .where(eq(sandboxAlipayTrades.ticket, ticket));
    await fetch(`${server.url}/api/sandbox/alipay/checkout`, {
      method: "POST",
      body: new URLSearchParams({ ticket, action: "pay" }),
      redirect: "manual",
    });
    expect(await requestRow(paid.requestId)).toMatchObject({ status: 1 });

    const fresh = await reconcilePendingPayments(15);
    expect(fresh.checked).toBe(0);
    const later = new Date(Date.now() + 16 * 60_000);
    const summary = await reconcilePendingPayments(15, later);
    expect(summary.paid).toBe(1);
    expect(await requestRow(paid.requestId)).toMatchObject({ status: 2 });
    expect(await requestRow(notOpened.requestId)).toMatchObject({ status: 1 });
    expect((await attemptsOf(notOpened.requestId))[0]).toMatchObject({ status: "pending" });

    // A trade closed at Alipay closes the attempt.
    await db()
      .insert(sandboxAlipayTrades)
      .values({
        ticket: `closed-${notOpened.attempt.outTradeNo}`,
        appId: SANDBOX_APP_ID,
        outTradeNo: notOpened.attempt.outTradeNo,
        tradeNo: "2026112822001499999999999999",
        subject: "看房信息费",
        totalAmount: "10.00",
        status: "TRADE_CLOSED",
      });
    const second = await reconcilePendingPayments(15, later);
    expect(second).toMatchObject({ paid: 0, closed: 1 });
    expect((await attemptsOf(notOpened.requestId))[0]).toMatchObject({ status: "closed" });
    expect(await requestRow(paid.requestId)).toMatchObject({ status: 2 });
  });
});

describe("sandbox gateway", () => {
  it("refuses server calls with a bad signature or an unknown app, with a signed error", async () => {
    const { paymentUrl: url } = await unpaidRequest();
    const signed = Object.fromEntries(new URL(url).searchParams);
    const query = { ...signed, method: "alipay.trade.query" };
    const badSign = await fetch(`${server.url}/api/sandbox/alipay/gateway.do`, {
      method: "POST",
      body: new URLSearchParams(query),
    });
    const body = await badSign.json();
    expect(body.alipay_trade_query_response).toMatchObject({
      code: "40002",
      sub_code: "isv.invalid-signature",
    });
    expect(body.sign).toBeTruthy();
    const otherApp = await fetch(`${server.url}/api/sandbox/alipay/gateway.do`, {
      method: "POST",
      body: new URLSearchParams({ ...query, app_id: "2021000000000999" }),
    });
    expect((await otherApp.json()).alipay_trade_query_response.sub_code).toBe("isv.invalid-app-id");
  });
});
