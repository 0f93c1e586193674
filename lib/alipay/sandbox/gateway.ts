import "server-only";
import { and, eq, gt, inArray, isNull, lt } from "drizzle-orm";
import { changedRows, db } from "@/db";
import {
  sandboxAlipayGrants,
  sandboxAlipayTrades,
  sandboxAlipayTransfers,
  sandboxRefunds,
  sandboxZhimaTransactions,
} from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { alipaySettings } from "@/lib/alipay/client";
import { randomDigits } from "@/lib/alipay/ids";
import { AUTH_CODE_MS } from "@/lib/alipay/sandbox/authorize";
import { deliverNotify, findTrade, openWapPay } from "@/lib/alipay/sandbox/cashier";
import { sandboxErrorPage } from "@/lib/alipay/sandbox/html";
import { signedGatewayResponse, verifyAppSignature } from "@/lib/alipay/sandbox/signing";
import { chinaDateStamp, chinaTimestamp } from "@/lib/china-time";
import { yuanToCents } from "@/lib/payments/money";

// The sandbox gateway.do: checks every request the way the open platform does (known app_id,
// RSA2 signature over all parameters with the app's public key) and answers the methods the app
// uses, with responses signed by the sandbox "Alipay" key.

type Params = Record<string, string>;
type Biz = Record<string, unknown>;
type Body = Record<string, unknown>;

const PAGE_METHODS = new Set(["alipay.trade.wap.pay"]);
const ACCESS_TOKEN_SECONDS = 15 * 24 * 3600;

const ok = (fields: Body): Body => ({ code: "10000", msg: "Success", ...fields });
const failure = (code: string, msg: string, subCode: string, subMsg: string): Body => ({
  code,
  msg,
  sub_code: subCode,
  sub_msg: subMsg,
});
const businessFailure = (subCode: string, subMsg: string) =>
  failure("40004", "Business Failed", subCode, subMsg);
const invalidArguments = (subCode: string, subMsg: string) =>
  failure("40002", "Invalid Arguments", subCode, subMsg);

async function readParams(request: Request): Promise<Params> {
  const params: Params = Object.fromEntries(new URL(request.url).searchParams);
  if (request.method === "POST") {
    const type = request.headers.get("content-type") ?? "";
    if (type.includes("application/x-www-form-urlencoded")) {
      for (const [key, value] of new URLSearchParams(await request.text())) params[key] = value;
    }
  }
  return params;
}

function parseBiz(params: Params): Biz | null {
  if (!params.biz_content) return {};
  try {
    const parsed = JSON.parse(params.biz_content);
    return parsed && typeof parsed === "object" ? parsed : null;
  } catch {
    return null;
  }
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");

async function oauthToken(params: Params): Promise<Body> {
  const code = params.code;
  if (params.grant_type !== "authorization_code" || !code)
    return invalidArguments("isv.grant-type-invalid", "grant_type 或 code 无效");
  const now = new Date();
  const [grant] = await writeTransaction((tx) =>
    tx
      .update(sandboxAlipayGrants)
      .set({ codeUsedAt: now })
      .where(
        and(
          eq(sandboxAlipayGrants.authCode, code),
          eq(sandboxAlipayGrants.appId, params.app_id ?? ""),
          isNull(sandboxAlipayGrants.codeUsedAt),
          gt(sandboxAlipayGrants.createdAt, new Date(now.getTime() - AUTH_CODE_MS)),
        ),
      )
      .returning(),
  );
  if (!grant) return invalidArguments("isv.code-invalid", "授权码code无效");
  return {
    user_id: grant.alipayUserId,
    open_id: grant.openId,
    access_token: grant.accessToken,
    expires_in: ACCESS_TOKEN_SECONDS,
    refresh_token: `${grant.accessToken}r`,
    re_expires_in: ACCESS_TOKEN_SECONDS * 2,
    auth_start: chinaTimestamp(grant.createdAt),
  };
}

/** How long a used transaction_id is remembered (the legacy client reused one all day). */
const TRANSACTION_ID_MEMORY_MS = 24 * 3600 * 1000;

/** Records a transaction_id; false when it was used before. Forgets a few expired ones. */
async function firstUseOf(transactionId: string, now = new Date()): Promise<boolean> {
  return writeTransaction(async (tx) => {
    const expired = tx
      .select({ id: sandboxZhimaTransactions.transactionId })
      .from(sandboxZhimaTransactions)
      .where(
        lt(sandboxZhimaTransactions.createdAt, new Date(now.getTime() - TRANSACTION_ID_MEMORY_MS)),
      )
      .limit(20);
    await tx
      .delete(sandboxZhimaTransactions)
      .where(inArray(sandboxZhimaTransactions.transactionId, expired))
      .run();
    const inserted = await tx
      .insert(sandboxZhimaTransactions)
      .values({ transactionId, createdAt: now })
      .onConflictDoNothing()
      .run();
    return changedRows(inserted) === 1;
  });
}

async function zhimaScore(params: Params, biz: Biz): Promise<Body> {
  const transactionId = text(biz.transaction_id);
  if (!transactionId || transactionId.length > 64)
    return invalidArguments("isv.invalid-parameter", "transaction_id 无效");
  if (biz.product_code !== "w1010100100000000001")
    return invalidArguments("isv.invalid-parameter", "product_code 无效");
  // Alipay expects a new transaction_id per call (the legacy one was constant all day).
  if (!(await firstUseOf(transactionId)))
    return businessFailure("ZHIMA_TRANSACTION_ID_DUPLICATE", "transaction_id 重复");
  const grant = await db().query.sandboxAlipayGrants.findFirst({
    where: and(
      eq(sandboxAlipayGrants.accessToken, params.auth_token ?? ""),
      gt(sandboxAlipayGrants.expiresAt, new Date()),
    ),
  });
  if (!grant) return invalidArguments("aop.invalid-auth-token", "无效的访问令牌");
  // A stable score per sandbox account, within Zhima's 350–950 range.
  const score = 600 + (Number.parseInt(grant.alipayUserId.slice(-6), 10) % 250);
  return ok({ biz_no: `${chinaDateStamp()}${randomDigits(16)}`, zm_score: String(score) });
}

async function tradeQuery(params: Params, biz: Biz): Promise<Body> {
  const trade = await findTrade(params.app_id ?? "", {
    outTradeNo: text(biz.out_trade_no),
    tradeNo: text(biz.trade_no),
  });
  if (!trade) return businessFailure("ACQ.TRADE_NOT_EXIST", "交易不存在");
  return ok({
    trade_no: trade.tradeNo,
    out_trade_no: trade.outTradeNo,
    trade_status: trade.status,
    total_amount: trade.totalAmount,
    buyer_user_id: trade.buyerId ?? undefined,
    send_pay_date: trade.paidAt ? chinaTimestamp(trade.paidAt) : undefined,
  });
}

type Transfer = typeof sandboxAlipayTransfers.$inferSelect;

function transferBody(transfer: Transfer): Body {
  if (transfer.status === "FAIL")
    return businessFailure("PAYEE_NOT_EXIST", "收款账号不存在或姓名有误");
  return ok({
    out_biz_no: transfer.outBizNo,
    order_id: transfer.orderId,
    pay_fund_order_id: transfer.orderId,
    status: transfer.status,
    trans_date: chinaTimestamp(transfer.createdAt),
  });
}

const IDENTITY_PATTERNS: Record<string, RegExp> = {
  ALIPAY_USER_ID: /^2088\d{12}$/,
  ALIPAY_OPEN_ID: /^[0-9A-Za-z_-]{10,64}$/,
  ALIPAY_LOGON_ID: /^(\S+@\S+|1\d{10})$/,
};

async function fundTransfer(params: Params, biz: Biz): Promise<Body> {
  const outBizNo = text(biz.out_biz_no);
  const amount = text(biz.trans_amount);
  const cents = yuanToCents(amount);
  const payee = (biz.payee_info ?? {}) as Record<string, unknown>;
  const identityType = text(payee.identity_type);
  const identity = text(payee.identity);
  if (!outBizNo || outBizNo.length > 64)
    return invalidArguments("isv.invalid-parameter", "out_biz_no 无效");
  if (biz.product_code !== "TRANS_ACCOUNT_NO_PWD" || biz.biz_scene !== "DIRECT_TRANSFER")
    return invalidArguments("isv.invalid-parameter", "product_code 或 biz_scene 无效");
  if (cents === null || cents < 10)
    return businessFailure("EXCEED_LIMIT_SM_MIN_AMOUNT", "单笔最低转账金额0.1元");
  const pattern = IDENTITY_PATTERNS[identityType];
  if (!pattern || !identity) return invalidArguments("isv.invalid-parameter", "payee_info 无效");
  if (identityType === "ALIPAY_LOGON_ID" && !text(payee.name))
    return businessFailure("PAYEE_USER_INFO_ERROR", "收款方为登录号时须提供姓名");

  const appId = params.app_id ?? "";
  const existing = await db().query.sandboxAlipayTransfers.findFirst({
    where: and(
      eq(sandboxAlipayTransfers.appId, appId),
      eq(sandboxAlipayTransfers.outBizNo, outBizNo),
    ),
  });
  if (existing) {
    // Alipay's idempotency: the same out_biz_no with the same content returns the first result.
    if (
      existing.transAmount !== amount ||
      existing.identity !== identity ||
      existing.identityType !== identityType
    )
      return businessFailure("REQUEST_PARAM_ILLEGAL", "同一 out_biz_no 的请求参数不一致");
    return transferBody(existing);
  }
  await writeTransaction((tx) =>
    tx
      .insert(sandboxAlipayTransfers)
      .values({
        appId,
        outBizNo,
        orderId: `${chinaDateStamp()}1100${randomDigits(16)}`,
        transAmount: amount,
        identityType,
        identity,
        status: pattern.test(identity) ? "SUCCESS" : "FAIL",
      })
      .onConflictDoNothing(),
  );
  const stored = await db().query.sandboxAlipayTransfers.findFirst({
    where: and(
      eq(sandboxAlipayTransfers.appId, appId),
      eq(sandboxAlipayTransfers.outBizNo, outBizNo),
    ),
  });
  return stored ? transferBody(stored) : businessFailure("SYSTEM_ERROR", "系统繁忙");
}

async function transferQuery(params: Params, biz: Biz): Promise<Body> {
  const outBizNo = text(biz.out_biz_no);
  const transfer = outBizNo
    ? await db().query.sandboxAlipayTransfers.findFirst({
        where: and(
          eq(sandboxAlipayTransfers.appId, params.app_id ?? ""),
          eq(sandboxAlipayTransfers.outBizNo, outBizNo),
        ),
      })
    : undefined;
  if (!transfer) return businessFailure("ORDER_NOT_EXIST", "转账订单不存在");
  return ok({
    out_biz_no: transfer.outBizNo,
    order_id: transfer.orderId,
    pay_fund_order_id: transfer.orderId,
    trans_amount: transfer.transAmount,
    status: transfer.status,
    pay_date: chinaTimestamp(transfer.createdAt),
    fail_reason: transfer.status === "FAIL" ? "收款账号不存在" : undefined,
  });
}

function findRefund(appId: string, outRequestNo: string) {
  return db().query.sandboxRefunds.findFirst({
    where: and(
      eq(sandboxRefunds.provider, "alipay"),
      eq(sandboxRefunds.merchant, appId),
      eq(sandboxRefunds.outRefundNo, outRequestNo),
    ),
  });
}

/** alipay.trade.refund: full refunds only, once per out_request_no (a repeat: fund_change N). */
async function tradeRefund(params: Params, biz: Biz): Promise<Body> {
  const appId = params.app_id ?? "";
  const trade = await findTrade(appId, {
    outTradeNo: text(biz.out_trade_no),
    tradeNo: text(biz.trade_no),
  });
  if (!trade) return businessFailure("ACQ.TRADE_NOT_EXIST", "交易不存在");
  const outRequestNo = text(biz.out_request_no) || trade.outTradeNo;
  const cents = yuanToCents(text(biz.refund_amount));
  const answer = (fundChange: "Y" | "N") =>
    ok({
      trade_no: trade.tradeNo,
      out_trade_no: trade.outTradeNo,
      buyer_logon_id: "buy***@sandbox.alipay",
      fund_change: fundChange,
      refund_fee: trade.totalAmount,
      gmt_refund_pay: chinaTimestamp(),
    });
  const existing = await findRefund(appId, outRequestNo);
  if (existing) {
    if (existing.outTradeNo !== trade.outTradeNo || existing.amountFen !== cents)
      return businessFailure("ACQ.REQUEST_PARAM_ILLEGAL", "同一退款请求号的参数不一致");
    return answer("N");
  }
  if (trade.status !== "TRADE_SUCCESS")
    return businessFailure("ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
  if (cents === null || cents !== yuanToCents(trade.totalAmount))
    return businessFailure("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限或不等于交易金额");
  const refundedAt = new Date();
  const closed = await writeTransaction(async (tx) => {
    await tx.insert(sandboxRefunds).values({
      provider: "alipay",
      merchant: appId,
      outTradeNo: trade.outTradeNo,
      outRefundNo: outRequestNo,
      refundId: trade.tradeNo,
      amountFen: cents,
    });
    const [updated] = await tx
      .update(sandboxAlipayTrades)
      .set({ status: "TRADE_CLOSED" })
      .where(eq(sandboxAlipayTrades.id, trade.id))
      .returning();
    return updated;
  });
  // A full refund closes the trade, and Alipay reports it on the payment's notify URL.
  if (closed)
    await deliverNotify(closed, { outRequestNo, refundFee: trade.totalAmount, refundedAt });
  return answer("Y");
}

/** alipay.trade.fastpay.refund.query: refund data with REFUND_SUCCESS, or no data at all. */
async function tradeRefundQuery(params: Params, biz: Biz): Promise<Body> {
  const appId = params.app_id ?? "";
  const trade = await findTrade(appId, {
    outTradeNo: text(biz.out_trade_no),
    tradeNo: text(biz.trade_no),
  });
  if (!trade) return businessFailure("ACQ.TRADE_NOT_EXIST", "交易不存在");
  const refund = await findRefund(appId, text(biz.out_request_no) || trade.outTradeNo);
  if (!refund) return ok({ trade_no: trade.tradeNo, out_trade_no: trade.outTradeNo });
  return ok({
    trade_no: trade.tradeNo,
    out_trade_no: trade.outTradeNo,
    out_request_no: refund.outRefundNo,
    total_amount: trade.totalAmount,
    refund_amount: trade.totalAmount,
    refund_status: "REFUND_SUCCESS",
    gmt_refund_pay: chinaTimestamp(refund.createdAt),
  });
}

/** alipay.trade.close: only an unpaid trade closes. */
async function tradeClose(params: Params, biz: Biz): Promise<Body> {
  const trade = await findTrade(params.app_id ?? "", {
    outTradeNo: text(biz.out_trade_no),
    tradeNo: text(biz.trade_no),
  });
  if (!trade) return businessFailure("ACQ.TRADE_NOT_EXIST", "交易不存在");
  if (trade.status === "TRADE_SUCCESS")
    return businessFailure("ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
  await writeTransaction((tx) =>
    tx
      .update(sandboxAlipayTrades)
      .set({ status: "TRADE_CLOSED" })
      .where(
        and(eq(sandboxAlipayTrades.id, trade.id), eq(sandboxAlipayTrades.status, "WAIT_BUYER_PAY")),
      ),
  );
  return ok({ trade_no: trade.tradeNo, out_trade_no: trade.outTradeNo });
}

const SERVER_METHODS: Record<string, (params: Params, biz: Biz) => Promise<Body>> = {
  "alipay.system.oauth.token": oauthToken,
  "zhima.credit.score.get": zhimaScore,
  "alipay.trade.query": tradeQuery,
  "alipay.trade.refund": tradeRefund,
  "alipay.trade.fastpay.refund.query": tradeRefundQuery,
  "alipay.trade.close": tradeClose,
  "alipay.fund.trans.uni.transfer": fundTransfer,
  "alipay.fund.trans.common.query": transferQuery,
};

export async function handleSandboxGateway(request: Request): Promise<Response> {
  const params = await readParams(request);
  const method = params.method ?? "";
  const page = PAGE_METHODS.has(method);
  const refuse = (subCode: string, subMsg: string) =>
    page
      ? sandboxErrorPage(400, "请求被拒绝", `${subCode}：${subMsg}`)
      : signedGatewayResponse(method || "error", invalidArguments(subCode, subMsg));

  if (params.app_id !== alipaySettings().appId)
    return refuse("isv.invalid-app-id", "无效的AppID参数");
  if (!verifyAppSignature(params))
    return refuse("isv.invalid-signature", "验签出错，请确认签名字符串与应用公钥是否匹配");
  const biz = parseBiz(params);
  if (!biz) return refuse("isv.invalid-parameter", "biz_content 不是有效的 JSON");
  if (page) return openWapPay(params, biz);
  const handler = SERVER_METHODS[method];
  if (!handler) return refuse("isv.invalid-method", "不存在的方法名");
  return signedGatewayResponse(method, await handler(params, biz));
}
