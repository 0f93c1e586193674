import "server-only";
import type { PaymentAttempt, Refund } from "@/db/schema";
import type { PaymentProvider, RefundReport, TradeReport } from "@/lib/payments/providers";
import {
  callWxpay,
  requireWxpaySettings,
  WxpayUnavailableError,
} from "@/lib/payments/wxpay/client";

// WeChat Pay API v3 behind the provider seam: order query and close by out_trade_no, refunds by
// out_refund_no (WeChat refunds one number once; a refund is final only at SUCCESS/CLOSED).

const text = (value: unknown): string => (typeof value === "string" ? value : "");

function tradeStateReport(transaction: Record<string, unknown>): TradeReport {
  const amount = (transaction.amount ?? {}) as Record<string, unknown>;
  const amountCents = Number.isSafeInteger(amount.total) ? (amount.total as number) : null;
  const tradeNo = text(transaction.transaction_id) || undefined;
  switch (text(transaction.trade_state)) {
    case "SUCCESS":
    case "REFUND": // paid, then (partly) refunded at WeChat Pay: the money did arrive
      return { state: "paid", amountCents, tradeNo };
    case "CLOSED":
    case "REVOKED":
    case "PAYERROR":
      return { state: "closed", amountCents, tradeNo };
    default:
      return { state: "open", amountCents, tradeNo };
  }
}

export function refundStatusReport(body: Record<string, unknown>): RefundReport {
  const providerRefundId = text(body.refund_id) || undefined;
  const status = text(body.status) || text(body.refund_status);
  if (status === "SUCCESS") return { state: "succeeded", providerRefundId };
  if (status === "PROCESSING") return { state: "processing", providerRefundId };
  // CLOSED: refused; ABNORMAL: the payer's card is frozen or cancelled, handled in 商户平台.
  return { state: "failed", providerRefundId, message: status || "unknown refund status" };
}

function unexpected(path: string, status: number, data: Record<string, unknown>): never {
  throw new WxpayUnavailableError(path, new Error(`${status} ${text(data.code)}`));
}

const mchidQuery = () => `mchid=${encodeURIComponent(requireWxpaySettings().mchid)}`;
const tradePath = (attempt: PaymentAttempt) =>
  `/v3/pay/transactions/out-trade-no/${encodeURIComponent(attempt.outTradeNo)}`;

export const wxpayProvider: PaymentProvider = {
  async queryTrade(attempt, clock) {
    const path = `${tradePath(attempt)}?${mchidQuery()}`;
    const { status, data } = await callWxpay("GET", path, undefined, clock);
    if (status === 404) return { state: "missing", amountCents: null };
    if (status !== 200) unexpected(path, status, data);
    return tradeStateReport(data);
  },

  async closeTrade(attempt, clock) {
    const path = `${tradePath(attempt)}/close`;
    const { status, data } = await callWxpay(
      "POST",
      path,
      { mchid: requireWxpaySettings().mchid },
      clock,
    );
    if (status !== 204 && status !== 200 && text(data.code) !== "ORDER_CLOSED")
      unexpected(path, status, data);
  },

  async refund(attempt: PaymentAttempt, refund: Refund, clock) {
    const path = "/v3/refund/domestic/refunds";
    const { status, data } = await callWxpay(
      "POST",
      path,
      {
        out_trade_no: attempt.outTradeNo,
        out_refund_no: refund.outRefundNo,
        reason: refund.reason,
        notify_url: requireWxpaySettings().notifyUrl,
        amount: { refund: refund.amountCents, total: attempt.amountCents, currency: "CNY" },
      },
      clock,
    );
    if (status === 200) return refundStatusReport(data);
    // SYSTEM_ERROR / FREQUENCY_LIMITED say nothing about the outcome; others are refusals.
    if (status === 429 || ["SYSTEM_ERROR", "FREQUENCY_LIMITED"].includes(text(data.code)))
      unexpected(path, status, data);
    return { state: "failed", message: `${text(data.code)} ${text(data.message)}`.trim() };
  },

  async queryRefund(_attempt, refund, clock) {
    const path = `/v3/refund/domestic/refunds/${encodeURIComponent(refund.outRefundNo)}`;
    const { status, data } = await callWxpay("GET", path, undefined, clock);
    if (status === 404) return { state: "missing" };
    if (status !== 200) unexpected(path, status, data);
    return refundStatusReport(data);
  },
};
