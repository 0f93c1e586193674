import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { sandboxRefunds, sandboxWxpayTrades } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { randomDigits, randomToken } from "@/lib/alipay/ids";
import { rfc3339China } from "@/lib/china-time";
import {
  SANDBOX_GATEWAY_PATH,
  SANDBOX_MCH_ID,
  sandboxMerchantKey,
  sandboxPlatformKey,
} from "@/lib/payments/wxpay/settings";
import {
  MAX_CLOCK_OFFSET_SECONDS,
  parseAuthorization,
  requestMessage,
  rsaVerify,
  signedHeaders,
} from "@/lib/payments/wxpay/signing";

// The sandbox "WeChat Pay" API v3 (APP_MODE=sandbox only): checks every request as WeChat Pay
// does (Authorization with our mchid and merchant serial, a fresh timestamp, the SHA256-with-RSA
// signature over method, path, timestamp, nonce and body with the merchant public key) and
// answers JSAPI prepay, order query, close, refund and refund query with signed answers
// (Wechatpay-* headers, the sandbox WeChat Pay public key, PUB_KEY_ID_… serial).

type Body = Record<string, unknown>;
export type SandboxWxpayTrade = typeof sandboxWxpayTrades.$inferSelect;

function signedWxpayResponse(status: number, body?: Body): Response {
  const text = body === undefined ? "" : JSON.stringify(body);
  const platform = sandboxPlatformKey();
  return new Response(status === 204 ? null : text, {
    status,
    headers: {
      ...(text ? { "content-type": "application/json; charset=utf-8" } : {}),
      ...signedHeaders(text, platform.privateKey, platform.id, new Date()),
    },
  });
}

const fail = (status: number, code: string, message: string) =>
  signedWxpayResponse(status, { code, message });

/** The transaction object of the order query and the payment notify. */
export function transactionBody(trade: SandboxWxpayTrade): Body {
  const paid = trade.tradeState === "SUCCESS" || trade.tradeState === "REFUND";
  return {
    appid: trade.appid,
    mchid: trade.mchid,
    out_trade_no: trade.outTradeNo,
    transaction_id: paid ? trade.transactionId : undefined,
    trade_type: paid ? "JSAPI" : undefined,
    trade_state: trade.tradeState,
    trade_state_desc: paid
      ? "支付成功"
      : trade.tradeState === "CLOSED"
        ? "订单已关闭"
        : "订单未支付",
    bank_type: paid ? "OTHERS" : undefined,
    success_time: trade.successAt ? rfc3339China(trade.successAt) : undefined,
    payer: { openid: trade.openid },
    amount: {
      total: trade.totalFen,
      payer_total: paid ? trade.totalFen : undefined,
      currency: "CNY",
      payer_currency: "CNY",
    },
  };
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");

async function findTrade(outTradeNo: string): Promise<SandboxWxpayTrade | undefined> {
  return db().query.sandboxWxpayTrades.findFirst({
    where: and(
      eq(sandboxWxpayTrades.mchid, SANDBOX_MCH_ID),
      eq(sandboxWxpayTrades.outTradeNo, outTradeNo),
    ),
  });
}

async function jsapiPrepay(body: Body): Promise<Response> {
  const outTradeNo = text(body.out_trade_no);
  const amount = (body.amount ?? {}) as Body;
  const payer = (body.payer ?? {}) as Body;
  const notifyUrl = text(body.notify_url);
  const total = amount.total;
  if (body.mchid !== SANDBOX_MCH_ID) return fail(400, "MCH_NOT_EXISTS", "商户号不存在");
  if (!text(body.appid)) return fail(400, "PARAM_ERROR", "appid 不能为空");
  if (!/^[0-9A-Za-z_\-|*]{6,32}$/.test(outTradeNo))
    return fail(400, "PARAM_ERROR", "out_trade_no 格式错误");
  if (!Number.isSafeInteger(total) || (total as number) < 1)
    return fail(400, "PARAM_ERROR", "amount.total 应为正整数（分）");
  if ((amount.currency ?? "CNY") !== "CNY") return fail(400, "PARAM_ERROR", "currency 应为 CNY");
  if (!text(payer.openid)) return fail(400, "PARAM_ERROR", "payer.openid 不能为空");
  if (!notifyUrl || notifyUrl.includes("?"))
    return fail(400, "PARAM_ERROR", "notify_url 不能为空且不能携带参数");

  const existing = await findTrade(outTradeNo);
  if (existing) {
    if (existing.tradeState === "SUCCESS") return fail(400, "ORDERPAID", "该订单已支付");
    if (existing.tradeState === "CLOSED") return fail(400, "ORDER_CLOSED", "该订单已关闭");
    if (
      existing.totalFen !== total ||
      existing.appid !== body.appid ||
      existing.openid !== payer.openid ||
      existing.timeExpire !== (text(body.time_expire) || null)
    )
      return fail(400, "INVALID_REQUEST", "订单号重复，且与原订单参数不一致");
    return signedWxpayResponse(200, { prepay_id: existing.prepayId });
  }
  const prepayId = `wx${randomToken(16)}`;
  await writeTransaction((tx) =>
    tx
      .insert(sandboxWxpayTrades)
      .values({
        mchid: SANDBOX_MCH_ID,
        appid: text(body.appid),
        outTradeNo,
        prepayId,
        transactionId: `42000${randomDigits(23)}`,
        description: text(body.description).slice(0, 127),
        totalFen: total as number,
        openid: text(payer.openid),
        notifyUrl,
        timeExpire: text(body.time_expire) || null,
      })
      .onConflictDoNothing(),
  );
  const stored = await findTrade(outTradeNo);
  return signedWxpayResponse(200, { prepay_id: stored?.prepayId ?? prepayId });
}

async function queryTrade(outTradeNo: string, mchid: string | null): Promise<Response> {
  if (mchid !== SANDBOX_MCH_ID) return fail(400, "PARAM_ERROR", "mchid 不正确");
  const trade = await findTrade(outTradeNo);
  if (!trade) return fail(404, "ORDER_NOT_EXIST", "订单不存在");
  return signedWxpayResponse(200, transactionBody(trade));
}

async function closeTrade(outTradeNo: string, body: Body): Promise<Response> {
  if (body.mchid !== SANDBOX_MCH_ID) return fail(400, "PARAM_ERROR", "mchid 不正确");
  const trade = await findTrade(outTradeNo);
  if (!trade) return fail(404, "ORDER_NOT_EXIST", "订单不存在");
  if (trade.tradeState === "SUCCESS" || trade.tradeState === "REFUND")
    return fail(400, "ORDERPAID", "订单已支付，不能关闭");
  await writeTransaction((tx) =>
    tx
      .update(sandboxWxpayTrades)
      .set({ tradeState: "CLOSED" })
      .where(and(eq(sandboxWxpayTrades.id, trade.id), eq(sandboxWxpayTrades.tradeState, "NOTPAY"))),
  );
  return signedWxpayResponse(204);
}

type SandboxRefund = typeof sandboxRefunds.$inferSelect;

function refundBody(refund: SandboxRefund, trade: SandboxWxpayTrade): Body {
  return {
    refund_id: refund.refundId,
    out_refund_no: refund.outRefundNo,
    transaction_id: trade.transactionId,
    out_trade_no: trade.outTradeNo,
    channel: "ORIGINAL",
    user_received_account: "支付用户零钱",
    success_time: rfc3339China(refund.createdAt),
    create_time: rfc3339China(refund.createdAt),
    status: "SUCCESS",
    amount: {
      total: trade.totalFen,
      refund: refund.amountFen,
      payer_total: trade.totalFen,
      payer_refund: refund.amountFen,
      currency: "CNY",
    },
  };
}

async function findRefund(outRefundNo: string): Promise<SandboxRefund | undefined> {
  return db().query.sandboxRefunds.findFirst({
    where: and(
      eq(sandboxRefunds.provider, "wxpay"),
      eq(sandboxRefunds.merchant, SANDBOX_MCH_ID),
      eq(sandboxRefunds.outRefundNo, outRefundNo),
    ),
  });
}

async function refund(body: Body): Promise<Response> {
  const outRefundNo = text(body.out_refund_no);
  const amount = (body.amount ?? {}) as Body;
  if (!/^[0-9A-Za-z_\-|*@]{1,64}$/.test(outRefundNo))
    return fail(400, "PARAM_ERROR", "out_refund_no 格式错误");
  const trade = await findTrade(text(body.out_trade_no));
  if (!trade) return fail(404, "RESOURCE_NOT_EXISTS", "订单不存在");
  const existing = await findRefund(outRefundNo);
  if (existing) {
    // One refund per out_refund_no: a repeat answers the first refund.
    if (existing.outTradeNo !== trade.outTradeNo || existing.amountFen !== amount.refund)
      return fail(400, "INVALID_REQUEST", "退款单号重复，且与原退款参数不一致");
    return signedWxpayResponse(200, refundBody(existing, trade));
  }
  if (trade.tradeState !== "SUCCESS") return fail(400, "INVALID_REQUEST", "订单未支付或已全额退款");
  if (amount.total !== trade.totalFen || amount.refund !== trade.totalFen)
    return fail(400, "PARAM_ERROR", "退款金额与订单金额不符（沙箱仅支持全额退款）");
  await writeTransaction(async (tx) => {
    await tx
      .insert(sandboxRefunds)
      .values({
        provider: "wxpay",
        merchant: SANDBOX_MCH_ID,
        outTradeNo: trade.outTradeNo,
        outRefundNo,
        refundId: `50300${randomDigits(25)}`,
        amountFen: trade.totalFen,
      })
      .onConflictDoNothing();
    await tx
      .update(sandboxWxpayTrades)
      .set({ tradeState: "REFUND" })
      .where(eq(sandboxWxpayTrades.id, trade.id));
  });
  const stored = await findRefund(outRefundNo);
  if (!stored) return fail(500, "SYSTEM_ERROR", "系统繁忙");
  return signedWxpayResponse(200, refundBody(stored, { ...trade, tradeState: "REFUND" }));
}

async function queryRefund(outRefundNo: string): Promise<Response> {
  const stored = await findRefund(outRefundNo);
  const trade = stored ? await findTrade(stored.outTradeNo) : undefined;
  if (!stored || !trade) return fail(404, "RESOURCE_NOT_EXISTS", "退款单不存在");
  return signedWxpayResponse(200, refundBody(stored, trade));
}

/** The merchant's signature check; the failure message when it does not pass. */
function authorizationFailure(request: Request, pathAndQuery: string, body: string): string | null {
  const fields = parseAuthorization(request.headers.get("authorization"));
  if (!fields) return "缺少或错误的 Authorization";
  const merchant = sandboxMerchantKey();
  if (fields.mchid !== SANDBOX_MCH_ID) return "商户号不正确";
  if (fields.serial_no !== merchant.serial) return "商户证书序列号不正确";
  if (Math.abs(Date.now() / 1000 - Number(fields.timestamp)) >= MAX_CLOCK_OFFSET_SECONDS)
    return "请求时间戳已过期";
  const message = requestMessage(
    request.method,
    pathAndQuery,
    fields.timestamp,
    fields.nonce_str,
    body,
  );
  return rsaVerify(message, fields.signature, merchant.publicKey) ? null : "签名错误";
}

export async function handleWxpayGateway(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.slice(SANDBOX_GATEWAY_PATH.length);
  const bodyText = request.method === "POST" ? await request.text() : "";
  const failure = authorizationFailure(request, `${path}${url.search}`, bodyText);
  if (failure) return fail(401, "SIGN_ERROR", failure);
  let body: Body = {};
  if (bodyText) {
    try {
      body = JSON.parse(bodyText);
    } catch {
      return fail(400, "PARAM_ERROR", "请求体不是有效的 JSON");
    }
  }
  const trade = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/.exec(path);
  const refundQuery = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(path);
  if (request.method === "POST" && path === "/v3/pay/transactions/jsapi") return jsapiPrepay(body);
  if (request.method === "GET" && trade && !trade[2])
    return queryTrade(decodeURIComponent(trade[1] ?? ""), url.searchParams.get("mchid"));
  if (request.method === "POST" && trade?.[2])
    return closeTrade(decodeURIComponent(trade[1] ?? ""), body);
  if (request.method === "POST" && path === "/v3/refund/domestic/refunds") return refund(body);
  if (request.method === "GET" && refundQuery)
    return queryRefund(decodeURIComponent(refundQuery[1] ?? ""));
  return fail(404, "NOT_FOUND", "接口不存在");
}
