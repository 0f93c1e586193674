import { eq } from "drizzle-orm";
import { db } from "@/db";
import { alipayNotifications, paymentAttempts } from "@/db/schema";
import { alipaySdk, alipaySettings } from "@/lib/alipay/client";
import { log } from "@/lib/log";
import { yuanToCents } from "@/lib/payments/money";
import { closeAttempt, PAID_TRADE_STATUSES, settlePaid } from "@/lib/payments/settlement";

// Alipay's async notify (at-least-once, ~8 retries over 25 h, no timestamp in the signature):
// every delivery is stored raw, then checked as Alipay's own contract asks — signature, app_id,
// seller_id, our out_trade_no, the exact amount — and only TRADE_SUCCESS/TRADE_FINISHED pay.
// "success" tells Alipay to stop retrying, so it is answered once the notify is handled or was
// already handled; anything we cannot accept is answered "fail".

const MAX_BODY_CHARS = 64 * 1024;

export interface NotifyResult {
  answer: "success" | "fail";
  outcome: string;
}

function verifySignature(params: Record<string, string>): boolean {
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

export function processAlipayNotify(rawBody: string): NotifyResult {
  const tooLarge = rawBody.length > MAX_BODY_CHARS;
  const params = tooLarge ? {} : Object.fromEntries(new URLSearchParams(rawBody));
  const outTradeNo = params.out_trade_no?.slice(0, 64) || null;
  const notifyId = params.notify_id?.slice(0, 64) || null;
  const preCheck = tooLarge ? "too_large" : refusal(params);

  const result = db().transaction((tx): NotifyResult => {
    const decide = (): NotifyResult => {
      if (preCheck) return { answer: "fail", outcome: preCheck };
      const attempt = outTradeNo
        ? tx.select().from(paymentAttempts).where(eq(paymentAttempts.outTradeNo, outTradeNo)).get()
        : undefined;
      if (!attempt) return { answer: "fail", outcome: "unknown_trade" };
      if (yuanToCents(params.total_amount ?? "") !== attempt.amountCents)
        return { answer: "fail", outcome: "amount_mismatch" };
      const status = params.trade_status ?? "";
      if (PAID_TRADE_STATUSES.has(status))
        return { answer: "success", outcome: settlePaid(tx, attempt, params.trade_no) };
      if (status === "TRADE_CLOSED")
        return { answer: "success", outcome: closeAttempt(tx, attempt) };
      return { answer: "success", outcome: `ignored_${status || "no_status"}`.slice(0, 64) };
    };
    const decided = decide();
    tx.insert(alipayNotifications)
      .values({
        rawBody: rawBody.slice(0, MAX_BODY_CHARS),
        outTradeNo,
        notifyId,
        outcome: decided.outcome,
      })
      .run();
    return decided;
  });
  log.info("alipay.notify", { outcome: result.outcome, answer: result.answer });
  return result;
}
