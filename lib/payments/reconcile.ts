import { and, eq, lt } from "drizzle-orm";
import { db } from "@/db";
import { paymentAttempts } from "@/db/schema";
import { AlipayUnavailableError, callAlipay, isAlipaySuccess } from "@/lib/alipay/client";
import { log } from "@/lib/log";
import { yuanToCents } from "@/lib/payments/money";
import { closeAttempt, PAID_TRADE_STATUSES, settlePaid } from "@/lib/payments/settlement";

// Notifies can be lost (unreachable notify_url, DNS trouble in China): attempts still pending
// after N minutes are settled from alipay.trade.query, through the same guarded transitions.

export interface ReconcileSummary {
  checked: number;
  paid: number;
  closed: number;
  unchanged: number;
  errors: number;
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
  const summary: ReconcileSummary = {
    checked: pending.length,
    paid: 0,
    closed: 0,
    unchanged: 0,
    errors: 0,
  };
  for (const attempt of pending) {
    let result: Awaited<ReturnType<typeof callAlipay>>;
    try {
      result = await callAlipay("alipay.trade.query", {
        bizContent: { out_trade_no: attempt.outTradeNo },
      });
    } catch (error) {
      if (!(error instanceof AlipayUnavailableError)) throw error;
      summary.errors += 1;
      continue;
    }
    const status = isAlipaySuccess(result) ? String(result.tradeStatus ?? "") : "";
    if (PAID_TRADE_STATUSES.has(status)) {
      if (yuanToCents(String(result.totalAmount ?? "")) !== attempt.amountCents) {
        log.error("reconcile.amount_mismatch", { attemptId: attempt.id });
        summary.errors += 1;
        continue;
      }
      const tradeNo = typeof result.tradeNo === "string" ? result.tradeNo : undefined;
      const outcome = db().transaction((tx) => settlePaid(tx, attempt, tradeNo));
      if (outcome === "already_paid") summary.unchanged += 1;
      else summary.paid += 1;
    } else if (status === "TRADE_CLOSED") {
      const outcome = db().transaction((tx) => closeAttempt(tx, attempt));
      if (outcome === "closed") summary.closed += 1;
      else summary.unchanged += 1;
    } else {
      summary.unchanged += 1;
    }
  }
  log.info("reconcile.done", { ...summary });
  return summary;
}
