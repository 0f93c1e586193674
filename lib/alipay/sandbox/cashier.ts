import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { sandboxAlipayTrades } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { alipaySettings } from "@/lib/alipay/client";
import { randomDigits, randomToken } from "@/lib/alipay/ids";
import { sandboxErrorPage } from "@/lib/alipay/sandbox/html";
import { sandboxIdentity, signAsAlipay } from "@/lib/alipay/sandbox/signing";
import { chinaDateStamp, chinaTimestamp } from "@/lib/china-time";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { yuanToCents } from "@/lib/payments/money";

// The sandbox cashier: alipay.trade.wap.pay opens a checkout page; paying sends the signed async
// notify to notify_url and sends the browser back to return_url with signed return parameters.

const SANDBOX_BUYER_LOGON = "buyer@sandbox.alipay";
const CHECKOUT_PATH = "/sandbox/alipay/checkout";

export type SandboxTrade = typeof sandboxAlipayTrades.$inferSelect;

export async function findTradeByTicket(ticket: string): Promise<SandboxTrade | undefined> {
  return db().query.sandboxAlipayTrades.findFirst({
    where: eq(sandboxAlipayTrades.ticket, ticket),
  });
}

export async function findTrade(
  appId: string,
  by: { outTradeNo?: string; tradeNo?: string },
): Promise<SandboxTrade | undefined> {
  const key = by.outTradeNo
    ? eq(sandboxAlipayTrades.outTradeNo, by.outTradeNo)
    : by.tradeNo
      ? eq(sandboxAlipayTrades.tradeNo, by.tradeNo)
      : undefined;
  if (!key) return undefined;
  return db().query.sandboxAlipayTrades.findFirst({
    where: and(eq(sandboxAlipayTrades.appId, appId), key),
  });
}

function checkoutRedirect(ticket: string): Response {
  const url = `${env().APP_URL}${CHECKOUT_PATH}?ticket=${encodeURIComponent(ticket)}`;
  return new Response(null, { status: 303, headers: { location: url } });
}

/** alipay.trade.wap.pay: a verified page request opens (or reopens) the trade's checkout. */
export async function openWapPay(
  params: Record<string, string>,
  biz: Record<string, unknown>,
): Promise<Response> {
  const outTradeNo = typeof biz.out_trade_no === "string" ? biz.out_trade_no : "";
  const totalAmount = typeof biz.total_amount === "string" ? biz.total_amount : "";
  const subject = typeof biz.subject === "string" ? biz.subject : "";
  const cents = yuanToCents(totalAmount);
  if (!outTradeNo || outTradeNo.length > 64 || !subject || cents === null || cents < 1)
    return sandboxErrorPage(
      400,
      "参数错误",
      "缺少或错误的 out_trade_no、total_amount 或 subject。",
    );
  if (biz.product_code !== "QUICK_WAP_WAY")
    return sandboxErrorPage(400, "参数错误", "product_code 应为 QUICK_WAP_WAY。");

  const appId = params.app_id ?? "";
  const existing = await findTrade(appId, { outTradeNo });
  if (existing) {
    if (existing.status === "TRADE_SUCCESS")
      return sandboxErrorPage(409, "交易已支付", "TRADE_HAS_SUCCESS：该订单号已经支付成功。");
    if (existing.status === "TRADE_CLOSED")
      return sandboxErrorPage(409, "交易已关闭", "TRADE_HAS_CLOSE：该订单号的交易已关闭。");
    if (yuanToCents(existing.totalAmount) !== cents)
      return sandboxErrorPage(409, "订单信息不一致", "同一订单号的金额与首次请求不一致。");
    await writeTransaction((tx) =>
      tx
        .update(sandboxAlipayTrades)
        .set({
          notifyUrl: params.notify_url ?? null,
          returnUrl: params.return_url ?? null,
          quitUrl: typeof biz.quit_url === "string" ? biz.quit_url : null,
        })
        .where(eq(sandboxAlipayTrades.id, existing.id)),
    );
    return checkoutRedirect(existing.ticket);
  }
  const ticket = randomToken();
  await writeTransaction((tx) =>
    tx
      .insert(sandboxAlipayTrades)
      .values({
        ticket,
        appId,
        outTradeNo,
        tradeNo: `${chinaDateStamp()}2200${randomDigits(16)}`,
        subject,
        totalAmount,
        notifyUrl: params.notify_url ?? null,
        returnUrl: params.return_url ?? null,
        quitUrl: typeof biz.quit_url === "string" ? biz.quit_url : null,
      })
      .onConflictDoNothing(),
  );
  const stored = await findTrade(appId, { outTradeNo });
  return checkoutRedirect(stored?.ticket ?? ticket);
}

/** A refund Alipay reports on the payment's own notify URL. */
export interface RefundReport {
  outRequestNo: string;
  refundFee: string;
  refundedAt: Date;
}

function notifyParams(trade: SandboxTrade, refund?: RefundReport): Record<string, string> {
  const now = chinaTimestamp();
  const created = chinaTimestamp(trade.createdAt);
  const paid = trade.paidAt ? chinaTimestamp(trade.paidAt) : undefined;
  const success = trade.status === "TRADE_SUCCESS";
  const { sellerId } = alipaySettings();
  const params: Record<string, string> = {
    notify_time: now,
    notify_type: "trade_status_sync",
    notify_id: randomToken(20),
    app_id: trade.appId,
    auth_app_id: trade.appId,
    charset: "utf-8",
    version: "1.0",
    sign_type: "RSA2",
    trade_no: trade.tradeNo,
    out_trade_no: trade.outTradeNo,
    seller_id: sellerId ?? "",
    trade_status: trade.status,
    total_amount: trade.totalAmount,
    subject: trade.subject,
    gmt_create: created,
  };
  if (success && paid) {
    Object.assign(params, {
      buyer_id: trade.buyerId ?? "",
      buyer_logon_id: "buy***@sandbox.alipay",
      receipt_amount: trade.totalAmount,
      buyer_pay_amount: trade.totalAmount,
      invoice_amount: trade.totalAmount,
      point_amount: "0.00",
      gmt_payment: paid,
      fund_bill_list: JSON.stringify([{ amount: trade.totalAmount, fundChannel: "ALIPAYACCOUNT" }]),
    });
  } else {
    params.gmt_close = now;
  }
  if (refund) {
    Object.assign(params, {
      refund_fee: refund.refundFee,
      gmt_refund: chinaTimestamp(refund.refundedAt),
      out_biz_no: refund.outRequestNo,
    });
  }
  return signAsAlipay(params);
}

/** Delivers the signed async notify and records the merchant's answer ("success" expected). */
export async function deliverNotify(trade: SandboxTrade, refund?: RefundReport): Promise<string> {
  if (!trade.notifyUrl) return "no notify_url";
  let answer: string;
  try {
    const response = await fetch(trade.notifyUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: new URLSearchParams(notifyParams(trade, refund)),
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
    answer = (await response.text()).trim().slice(0, 200);
  } catch (error) {
    answer = `error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200);
  }
  await writeTransaction((tx) =>
    tx
      .update(sandboxAlipayTrades)
      .set({ notifyAnswer: answer })
      .where(eq(sandboxAlipayTrades.id, trade.id)),
  );
  if (answer !== "success") log.warn("sandbox.alipay.notify_refused", { tradeId: trade.id });
  return answer;
}

function returnRedirect(trade: SandboxTrade): Response {
  const target = trade.returnUrl ?? trade.quitUrl ?? env().APP_URL;
  const url = new URL(target);
  const { sellerId } = alipaySettings();
  const signed = signAsAlipay({
    method: "alipay.trade.wap.pay.return",
    app_id: trade.appId,
    auth_app_id: trade.appId,
    charset: "utf-8",
    version: "1.0",
    sign_type: "RSA2",
    timestamp: chinaTimestamp(),
    out_trade_no: trade.outTradeNo,
    trade_no: trade.tradeNo,
    total_amount: trade.totalAmount,
    seller_id: sellerId ?? "",
  });
  for (const [key, value] of Object.entries(signed)) url.searchParams.set(key, value);
  return new Response(null, { status: 303, headers: { location: url.toString() } });
}

/**
 * The checkout form: 确认付款 pays the trade (once), notifies the merchant and returns the browser;
 * 取消 closes the unpaid trade (with a TRADE_CLOSED notify) and leaves through quit_url.
 */
export async function submitCheckout(ticket: string, action: string): Promise<Response> {
  const trade = await findTradeByTicket(ticket);
  if (!trade) return sandboxErrorPage(404, "交易不存在", "该收银台链接无效。");
  if (action === "pay") {
    if (trade.status === "TRADE_CLOSED")
      return sandboxErrorPage(409, "交易已关闭", "该交易已关闭，无法付款。");
    const [paid] = await writeTransaction((tx) =>
      tx
        .update(sandboxAlipayTrades)
        .set({
          status: "TRADE_SUCCESS",
          paidAt: new Date(),
          buyerId: sandboxIdentity(SANDBOX_BUYER_LOGON).userId,
        })
        .where(
          and(
            eq(sandboxAlipayTrades.id, trade.id),
            eq(sandboxAlipayTrades.status, "WAIT_BUYER_PAY"),
          ),
        )
        .returning(),
    );
    if (paid) await deliverNotify(paid);
    return returnRedirect(paid ?? trade);
  }
  if (action === "cancel") {
    const [closed] = await writeTransaction((tx) =>
      tx
        .update(sandboxAlipayTrades)
        .set({ status: "TRADE_CLOSED" })
        .where(
          and(
            eq(sandboxAlipayTrades.id, trade.id),
            eq(sandboxAlipayTrades.status, "WAIT_BUYER_PAY"),
          ),
        )
        .returning(),
    );
    if (closed) await deliverNotify(closed);
    const target = trade.quitUrl ?? trade.returnUrl ?? env().APP_URL;
    return new Response(null, { status: 303, headers: { location: target } });
  }
  return sandboxErrorPage(400, "参数错误", "未知的操作。");
}
