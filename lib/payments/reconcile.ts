import "server-only";
import { and, eq, lt } from "drizzle-orm";
import { db } from "@/db";
import { type PaymentAttempt, paymentAttempts } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { systemClock } from "@/lib/clock";
import { log } from "@/lib/log";
import { isProviderUnavailable, paymentProvider } from "@/lib/payments/providers";
import { sendOwedRefund, settleRefunds } from "@/lib/payments/refunds";
import { closeAttempt, settlePaid } from "@/lib/payments/settlement";
import { wxpayOrderExpiry } from "@/lib/payments/wxpay/jsapi";

// Notifies can be lost (unreachable notify_url, DNS trouble in China): attempts still pending
// after N minutes are settled from the provider's trade query (alipay.trade.query, WeChat Pay's
// order query), through the same guarded transitions. WeChat Pay orders past their time_expire
// are closed there and here. Then owed and unknown refunds are settled (lib/payments/refunds).

export interface ReconcileSummary {
  checked: number;
  paid: number;
  closed: number;
  unchanged: number;
  errors: number;
  refunds_checked: number;
  refunds_succeeded: number;
}

type Step = "paid" | "closed" | "unchanged" | "error";

async function reconcileAttempt(attempt: PaymentAttempt, now: Date): Promise<Step> {
  const provider = paymentProvider(attempt.provider);
  // Provider calls are signed and checked against the real clock, not the reconciliation time.
  const report = await provider.queryTrade(attempt, systemClock);
  if (report.state === "paid") {
    if (report.amountCents !== attempt.amountCents) {
      log.error("reconcile.amount_mismatch", { attemptId: attempt.id });
      return "error";
    }
    const outcome = await writeTransaction((tx) => settlePaid(tx, attempt, report.tradeNo));
    if (outcome === "paid_request_not_pending") await sendOwedRefund(attempt.id);
    return outcome === "already_paid" ? "unchanged" : "paid";
  }
  const expired = attempt.provider === "wxpay" && wxpayOrderExpiry(attempt.createdAt) < now;
  if (report.state === "closed" || (expired && report.state === "missing")) {
    const outcome = await writeTransaction((tx) => closeAttempt(tx, attempt));
    return outcome === "closed" ? "closed" : "unchanged";
  }
  if (expired && report.state === "open") {
    await provider.closeTrade(attempt, systemClock);
    const outcome = await writeTransaction((tx) => closeAttempt(tx, attempt));
    return outcome === "closed" ? "closed" : "unchanged";
  }
  return "unchanged";
}

export async function reconcilePendingPayments(
  olderThanMinutes: number,
  now = new Date(),
): Promise<ReconcileSummary> {
  const cutoff = new Date(now.getTime() - olderThanMinutes * 60_000);
  const pending = await db()
    .select()
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.status, "pending"), lt(paymentAttempts.createdAt, cutoff)));
  const counts: Record<Step, number> = { paid: 0, closed: 0, unchanged: 0, error: 0 };
  for (const attempt of pending) {
    try {
      counts[await reconcileAttempt(attempt, now)] += 1;
    } catch (error) {
      if (!isProviderUnavailable(error)) throw error;
      counts.error += 1;
    }
  }
  const refundSummary = await settleRefunds({ now });
  const summary: ReconcileSummary = {
    checked: pending.length,
    paid: counts.paid,
    closed: counts.closed,
    unchanged: counts.unchanged,
    errors: counts.error,
    refunds_checked: refundSummary.checked ?? 0,
    refunds_succeeded: refundSummary.succeeded ?? 0,
  };
  log.info("reconcile.done", { ...summary });
  return summary;
}
