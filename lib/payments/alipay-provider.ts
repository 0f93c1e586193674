import "server-only";
import type { AlipaySdkCommonResult } from "alipay-sdk";
import { AlipayUnavailableError, callAlipay, isAlipaySuccess } from "@/lib/alipay/client";
import { centsToYuan, yuanToCents } from "@/lib/payments/money";
import type { PaymentProvider, RefundReport } from "@/lib/payments/providers";
import { PAID_TRADE_STATUSES } from "@/lib/payments/settlement";

// Alipay behind the provider seam. alipay-sdk answers camelCased keys (tradeStatus, fundChange).
// Refunds: alipay.trade.refund with out_request_no (refunded once per number); fund_change "Y" is
// a success, anything else is confirmed by alipay.trade.fastpay.refund.query.

const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** Business errors that say nothing about the outcome (Alipay's own advice: query, retry). */
const UNKNOWN_OUTCOME_CODES = new Set(["ACQ.SYSTEM_ERROR", "ACQ.REFUND_FEE_ERROR"]);

function failedOrUnknown(method: string, result: AlipaySdkCommonResult): RefundReport {
  const subCode = text(result.subCode);
  if (UNKNOWN_OUTCOME_CODES.has(subCode) || text(result.code) === "20000")
    throw new AlipayUnavailableError(method, new Error(subCode || text(result.code)));
  return { state: "failed", message: `${subCode} ${text(result.subMsg)}`.trim() };
}

export const alipayProvider: PaymentProvider = {
  async queryTrade(attempt) {
    const result = await callAlipay("alipay.trade.query", {
      bizContent: { out_trade_no: attempt.outTradeNo },
    });
    if (!isAlipaySuccess(result)) {
      if (text(result.subCode) === "ACQ.TRADE_NOT_EXIST")
        return { state: "missing", amountCents: null };
      throw new AlipayUnavailableError("alipay.trade.query", new Error(text(result.subCode)));
    }
    const status = text(result.tradeStatus);
    const amountCents = yuanToCents(text(result.totalAmount));
    const tradeNo = text(result.tradeNo) || undefined;
    if (PAID_TRADE_STATUSES.has(status)) return { state: "paid", amountCents, tradeNo };
    if (status === "TRADE_CLOSED") return { state: "closed", amountCents, tradeNo };
    return { state: "open", amountCents, tradeNo };
  },

  async closeTrade(attempt) {
    const result = await callAlipay("alipay.trade.close", {
      bizContent: { out_trade_no: attempt.outTradeNo },
    });
    if (!isAlipaySuccess(result) && text(result.subCode) !== "ACQ.TRADE_NOT_EXIST")
      throw new AlipayUnavailableError("alipay.trade.close", new Error(text(result.subCode)));
  },

  async refund(attempt, refund) {
    const method = "alipay.trade.refund";
    const result = await callAlipay(method, {
      bizContent: {
        out_trade_no: attempt.outTradeNo,
        refund_amount: centsToYuan(refund.amountCents),
        out_request_no: refund.outRefundNo,
        refund_reason: refund.reason,
      },
    });
    if (!isAlipaySuccess(result)) return failedOrUnknown(method, result);
    const providerRefundId = text(result.tradeNo) || undefined;
    // fund_change "N" also answers a repeat of a number already refunded: the query decides.
    return { state: result.fundChange === "Y" ? "succeeded" : "processing", providerRefundId };
  },

  async queryRefund(attempt, refund) {
    const method = "alipay.trade.fastpay.refund.query";
    const result = await callAlipay(method, {
      bizContent: { out_trade_no: attempt.outTradeNo, out_request_no: refund.outRefundNo },
    });
    if (!isAlipaySuccess(result)) return failedOrUnknown(method, result);
    // A missing refund_status means "not received or failed": retrying the same number is safe.
    if (text(result.refundStatus) !== "REFUND_SUCCESS") return { state: "missing" };
    if (yuanToCents(text(result.refundAmount)) !== refund.amountCents)
      return { state: "failed", message: "refund_amount mismatch" };
    return { state: "succeeded", providerRefundId: text(result.tradeNo) || undefined };
  },
};
