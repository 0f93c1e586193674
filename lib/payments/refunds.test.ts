import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as createPreorder } from "@/app/api/order/create_preorder/route";
import { POST as paymentUrl } from "@/app/api/order/get_preorder_paymenturl/route";
import { POST as wxpayParams } from "@/app/api/order/get_preorder_wxpay_params/route";
import { db } from "@/db";
import {
  alipayNotifications,
  type PaymentAttempt,
  paymentAttempts,
  refunds,
  sandboxRefunds,
  viewingRequests,
  wechatIdentities,
} from "@/db/schema";
import { AlipayUnavailableError, SANDBOX_APP_ID, SANDBOX_SELLER_ID } from "@/lib/alipay/client";
import { signAsAlipay } from "@/lib/alipay/sandbox/signing";
import { chinaTimestamp } from "@/lib/china-time";
import { alipayProvider } from "@/lib/payments/alipay-provider";
import { advanceRefund, refundAttempt, settleRefunds } from "@/lib/payments/refunds";
import { insertHouse } from "@/lib/payments/test-support";
import { WxpayUnavailableError } from "@/lib/payments/wxpay/client";
import { wxpayProvider } from "@/lib/payments/wxpay/provider";
import { SANDBOX_MCH_ID, sandboxApiV3Key, sandboxPlatformKey } from "@/lib/payments/wxpay/settings";
import { encryptResource, signedHeaders } from "@/lib/payments/wxpay/signing";
import { call, createUser } from "@/tests/helpers";
import { servePaymentSandboxes } from "@/tests/payment-sandboxes";
import { CONSENT, createTenant, payWithAlipaySandbox } from "@/tests/viewings";

const OA_APP_ID = "wx-refund-oa";
let server: Awaited<ReturnType<typeof servePaymentSandboxes>>;

beforeAll(async () => {
  server = await servePaymentSandboxes(OA_APP_ID);
});
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

async function unpaidRequest() {
  const landlord = await createUser({ tel: "13800000033", nickname: "房东" });
  const tenant = await createTenant({ tel: "13900000044", nickname: "租客" });
  const house = await insertHouse(landlord.user.id);
  const created = await call(createPreorder, {
    token: tenant.token,
    form: { owner_id: landlord.user.id, house_id: house.id, ...CONSENT },
  });
  return { tenant, requestId: created.body.ans as number };
}

async function attemptOf(requestId: number): Promise<PaymentAttempt> {
  const [attempt] = await db()
    .select()
    .from(paymentAttempts)
    .where(eq(paymentAttempts.viewingRequestId, requestId));
  if (!attempt) throw new Error("no attempt");
  return attempt;
}

async function paidWithAlipay() {
  const { tenant, requestId } = await unpaidRequest();
  await payWithAlipaySandbox(server.url, tenant.token, requestId);
  const attempt = await attemptOf(requestId);
  expect(attempt.status).toBe("paid");
  return { requestId, attempt };
}

async function paidWithWxpay() {
  const { tenant, requestId } = await unpaidRequest();
  await db()
    .insert(wechatIdentities)
    .values({ userId: tenant.user.id, appid: OA_APP_ID, openid: `oa-${tenant.user.id}` });
  const jsapi = await call(wxpayParams, { token: tenant.token, form: { pre_order_id: requestId } });
  const paid = await fetch(`${server.url}/api/sandbox/wxpay/cashier`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...(jsapi.body.ans as object), action: "pay" }),
  });
  expect((await paid.json()).err_msg).toBe("get_brand_wcpay_request:ok");
  const attempt = await attemptOf(requestId);
  expect(attempt.status).toBe("paid");
  return { requestId, attempt };
}

async function requestStatus(id: number) {
  return (await db().query.viewingRequests.findFirst({ where: eq(viewingRequests.id, id) }))
    ?.status;
}

async function providerRefunds(outTradeNo: string) {
  return db().select().from(sandboxRefunds).where(eq(sandboxRefunds.outTradeNo, outTradeNo));
}

const flows = [
  {
    name: "Alipay",
    pay: paidWithAlipay,
    provider: alipayProvider,
    Unavailable: AlipayUnavailableError,
  },
  {
    name: "WeChat Pay",
    pay: paidWithWxpay,
    provider: wxpayProvider,
    Unavailable: WxpayUnavailableError,
  },
] as const;

describe.each(flows)("refunds on $name", ({ pay, provider, Unavailable }) => {
  it("refunds a paid attempt in full once, however often it is asked", async () => {
    const { requestId, attempt } = await pay();
    const refund = await refundAttempt(attempt.id, { reason: "房东无法带看" });
    expect(refund).toMatchObject({
      status: "succeeded",
      amountCents: 1000,
      provider: attempt.provider,
    });
    expect(refund.outRefundNo).toMatch(/^RF\d{8}[0-9a-f]{20}$/);
    expect(await attemptOf(requestId)).toMatchObject({ status: "refunded" });
    expect(await requestStatus(requestId)).toBe(5);
    const again = await Promise.all([
      refundAttempt(attempt.id, { reason: "再次" }),
      refundAttempt(attempt.id, { reason: "再次" }),
    ]);
    expect(again.map((r) => r.id)).toEqual([refund.id, refund.id]);
    expect(await providerRefunds(attempt.outTradeNo)).toHaveLength(1);
    expect(
      await db().select().from(refunds).where(eq(refunds.paymentAttemptId, attempt.id)),
    ).toHaveLength(1);
  });

  it("settles an answer lost after the provider refunded by the refund query, never refunding twice", async () => {
    const { requestId, attempt } = await pay();
    const real = provider.refund.bind(provider);
    vi.spyOn(provider, "refund").mockImplementationOnce(async (...args) => {
      await real(...args);
      throw new Unavailable("refund", new Error("timeout"));
    });
    const refund = await refundAttempt(attempt.id, { reason: "测试" });
    expect(refund.status).toBe("unknown");
    expect(await requestStatus(requestId)).toBe(2);
    const refundSpy = vi.spyOn(provider, "refund");
    refundSpy.mockClear();
    const settled = await settleRefunds({ now: new Date() });
    expect(settled).toMatchObject({ checked: 1, succeeded: 1 });
    expect(refundSpy).not.toHaveBeenCalled();
    expect(await requestStatus(requestId)).toBe(5);
    expect(await providerRefunds(attempt.outTradeNo)).toHaveLength(1);
  });

  it("sends the same refund number again only when the query finds no refund under it", async () => {
    const { requestId, attempt } = await pay();
    vi.spyOn(provider, "refund").mockRejectedValueOnce(new Unavailable("refund", new Error("DNS")));
    const refund = await refundAttempt(attempt.id, { reason: "测试" });
    expect(refund.status).toBe("unknown");
    expect(await providerRefunds(attempt.outTradeNo)).toHaveLength(0);
    const settled = await advanceRefund(refund.id);
    expect(settled).toMatchObject({ status: "succeeded", outRefundNo: refund.outRefundNo });
    const atProvider = await providerRefunds(attempt.outTradeNo);
    expect(atProvider.map((r) => r.outRefundNo)).toEqual([refund.outRefundNo]);
    expect(await requestStatus(requestId)).toBe(5);
  });

  it("refuses to refund an attempt that was never paid (status 8)", async () => {
    const { tenant, requestId } = await unpaidRequest();
    await call(paymentUrl, {
      token: tenant.token,
      form: { pre_order_id: requestId, return_url: `${server.url}/pay/return` },
    });
    const attempt = await attemptOf(requestId);
    await expect(refundAttempt(attempt.id, { reason: "x" })).rejects.toMatchObject({ status: 8 });
  });
});

function aliNotifyFields(outTradeNo: string, overrides: Record<string, string> = {}) {
  return {
    notify_time: chinaTimestamp(),
    notify_type: "trade_status_sync",
    notify_id: `nid${Math.random().toString(36).slice(2)}`,
    app_id: SANDBOX_APP_ID,
    charset: "utf-8",
    version: "1.0",
    sign_type: "RSA2",
    trade_no: "2026120122001400000000000001",
    out_trade_no: outTradeNo,
    seller_id: SANDBOX_SELLER_ID,
    trade_status: "TRADE_SUCCESS",
    total_amount: "10.00",
    ...overrides,
  };
}

async function deliverAlipay(params: Record<string, string>) {
  const response = await fetch(`${server.url}/api/payment/ali/notify`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(params),
  });
  return response.text();
}

async function alipayOutcomes(outTradeNo: string) {
  return (
    await db()
      .select()
      .from(alipayNotifications)
      .where(eq(alipayNotifications.outTradeNo, outTradeNo))
  ).map((n) => n.outcome);
}

describe("Alipay notifies after a refund", () => {
  it("never pays again: refund_fee notifies and retried TRADE_SUCCESS change nothing", async () => {
    const { requestId, attempt } = await paidWithAlipay();
    await refundAttempt(attempt.id, { reason: "测试" });
    // The sandbox reported the full refund on the payment's notify URL (TRADE_CLOSED + refund_fee).
    expect(await alipayOutcomes(attempt.outTradeNo)).toEqual(["paid", "refund_reported"]);
    const partial = signAsAlipay(
      aliNotifyFields(attempt.outTradeNo, { refund_fee: "10.00", gmt_refund: chinaTimestamp() }),
    );
    expect(await deliverAlipay(partial)).toBe("success");
    expect(await deliverAlipay(signAsAlipay(aliNotifyFields(attempt.outTradeNo)))).toBe("success");
    expect((await alipayOutcomes(attempt.outTradeNo)).slice(2)).toEqual([
      "refund_reported",
      "already_paid",
    ]);
    expect(await attemptOf(requestId)).toMatchObject({ status: "refunded" });
    expect(await requestStatus(requestId)).toBe(5);
  });

  it("accepts only RSA2: a notify declaring sign_type=RSA (SHA-1) is refused", async () => {
    const { tenant, requestId } = await unpaidRequest();
    await call(paymentUrl, {
      token: tenant.token,
      form: { pre_order_id: requestId, return_url: `${server.url}/pay/return` },
    });
    const attempt = await attemptOf(requestId);
    // sign_type is not part of the signed content, so this signature itself is valid.
    const rsa = signAsAlipay(aliNotifyFields(attempt.outTradeNo, { sign_type: "RSA" }));
    expect(await deliverAlipay(rsa)).toBe("fail");
    expect(await alipayOutcomes(attempt.outTradeNo)).toEqual(["bad_signature"]);
    expect(await requestStatus(requestId)).toBe(1);
  });
});

describe("WeChat Pay refund notify", () => {
  it("settles a processing refund from REFUND.SUCCESS, once", async () => {
    const { requestId, attempt } = await paidWithWxpay();
    vi.spyOn(wxpayProvider, "refund").mockResolvedValueOnce({ state: "processing" });
    const refund = await refundAttempt(attempt.id, { reason: "测试" });
    expect(refund.status).toBe("processing");
    const platform = sandboxPlatformKey();
    const notice = (amount: number) => {
      const body = JSON.stringify({
        id: `refund-${Math.random()}`,
        event_type: "REFUND.SUCCESS",
        resource_type: "encrypt-resource",
        resource: encryptResource(
          JSON.stringify({
            mchid: SANDBOX_MCH_ID,
            out_trade_no: attempt.outTradeNo,
            transaction_id: attempt.tradeNo,
            out_refund_no: refund.outRefundNo,
            refund_id: "50300000000000000000000000001",
            refund_status: "SUCCESS",
            amount: { total: 1000, refund: amount, payer_total: 1000, payer_refund: amount },
          }),
          sandboxApiV3Key(),
          "refund",
          "refund",
        ),
      });
      return { body, headers: signedHeaders(body, platform.privateKey, platform.id, new Date()) };
    };
    const send = async (n: ReturnType<typeof notice>) =>
      (
        await fetch(`${server.url}/api/payment/wx/notify`, {
          method: "POST",
          headers: { "content-type": "application/json", ...n.headers },
          body: n.body,
        })
      ).status;
    expect(await send(notice(1))).toBe(400);
    expect(await send(notice(1000))).toBe(204);
    expect(await send(notice(1000))).toBe(204);
    const after = await db().query.refunds.findFirst({ where: eq(refunds.id, refund.id) });
    expect(after).toMatchObject({
      status: "succeeded",
      providerRefundId: "50300000000000000000000000001",
    });
    expect(await requestStatus(requestId)).toBe(5);
  });
});
