import "server-only";
import { alipayNotifications } from "@/db/schema";
import { alipaySdk, alipaySettings } from "@/lib/alipay/client";
import { attemptByTradeNumber } from "@/lib/payments/attempts";
import { yuanToCents } from "@/lib/payments/money";
import {
  MAX_NOTIFY_BODY_CHARS,
  type NotifyDecision,
  recordNotify,
} from "@/lib/payments/notify-tail";
import { closeAttempt, PAID_TRADE_STATUSES, settlePaid } from "@/lib/payments/settlement";

// Alipay's async notify (at-least-once, ~8 retries over 25 h, no timestamp in the signature):
// every delivery is stored raw, then checked as Alipay's own contract asks — RSA2 signature,
// app_id, seller_id, our out_trade_no, the exact amount — and only TRADE_SUCCESS/TRADE_FINISHED
// pay. Alipay also reports refunds on the payment's notify URL (TRADE_SUCCESS after a partial
// refund, TRADE_CLOSED after a full one, both with refund_fee): those never pay or close.
// "success" tells Alipay to stop retrying, so it is answered once the notify is handled or was
// already handled; anything we cannot accept is answered "fail".

export interface NotifyResult {
  answer: "success" | "fail";
  outcome: string;
}

function verifySignature(params: Record<string, string>): boolean {
  // RSA (SHA-1) is refused outright: only RSA2 (SHA-256) signatures are accepted.
  if (params.sign_type !== "RSA2") return false;
  try {
    return alipaySdk().checkNotifySignV2(params);
  } catch {
    return false;
  }
}

/** Checks that need no database; returns the refusal outcome, or null when they pass. */
function refusal(params: Record<string, string>): string | null {
  if (!verifySignature(params)) return "bad_signature";
  const { appId, sellerId } = alipaySettings();
  if (params.app_id !== appId) return "wrong_app_id";
  if (sellerId && params.seller_id !== sellerId) return "wrong_seller_id";
  return null;
}

export async function processAlipayNotify(rawBody: string): Promise<NotifyResult> {
  const tooLarge = rawBody.length > MAX_NOTIFY_BODY_CHARS;
  const params = tooLarge ? {} : Object.fromEntries(new URLSearchParams(rawBody));
  const outTradeNo = params.out_trade_no?.slice(0, 64) || null;
  const notifyId = params.notify_id?.slice(0, 64) || null;
  const preCheck = tooLarge ? "too_large" : refusal(params);

  const result = await recordNotify(
    "alipay.notify",
    async (tx): Promise<NotifyResult & NotifyDecision> => {
      if (preCheck) return { answer: "fail", outcome: preCheck };
      const attempt = await attemptByTradeNumber(tx, outTradeNo);
      if (attempt?.provider !== "alipay") return { answer: "fail", outcome: "unknown_trade" };
      if (yuanToCents(params.total_amount ?? "") !== attempt.amountCents)
        return { answer: "fail", outcome: "amount_mismatch" };
      if (params.refund_fee) return { answer: "success", outcome: "refund_reported" };
      const status = params.trade_status ?? "";
      if (PAID_TRADE_STATUSES.has(status)) {
        const outcome = await settlePaid(tx, attempt, params.trade_no);
        const owed = outcome === "paid_request_not_pending";
        return { answer: "success", outcome, owedRefundAttemptId: owed ? attempt.id : undefined };
      }
      if (status === "TRADE_CLOSED")
        return { answer: "success", outcome: await closeAttempt(tx, attempt) };
      return { answer: "success", outcome: `ignored_${status || "no_status"}`.slice(0, 64) };
    },
    (tx, decided) =>
      tx.insert(alipayNotifications).values({
        rawBody: rawBody.slice(0, MAX_NOTIFY_BODY_CHARS),
        outTradeNo,
        notifyId,
        outcome: decided.outcome,
      }),
    (decided) => ({ answer: decided.answer }),
  );
  return { answer: result.answer, outcome: result.outcome };
}
