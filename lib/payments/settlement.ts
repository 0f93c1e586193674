import { and, eq, ne } from "drizzle-orm";
import type { AppDatabase } from "@/db";
import { type PaymentAttempt, paymentAttempts, ViewingStatus, viewingRequests } from "@/db/schema";
import { log } from "@/lib/log";

// The only two ways an attempt changes state, shared by the async notify and reconciliation.
// Both run inside the caller's transaction and are guarded by the current state, so duplicate,
// replayed or concurrent confirmations change nothing the second time.

type Tx = Parameters<Parameters<AppDatabase["transaction"]>[0]>[0];

export type SettleOutcome = "paid" | "already_paid" | "paid_request_not_pending";

export function settlePaid(
  tx: Tx,
  attempt: PaymentAttempt,
  tradeNo: string | undefined,
  paidAt = new Date(),
): SettleOutcome {
  const changed = tx
    .update(paymentAttempts)
    .set({ status: "paid", tradeNo: tradeNo ?? null, paidAt })
    .where(and(eq(paymentAttempts.id, attempt.id), ne(paymentAttempts.status, "paid")))
    .returning({ id: paymentAttempts.id })
    .all();
  if (changed.length === 0) return "already_paid";
  const advanced = tx
    .update(viewingRequests)
    .set({ status: ViewingStatus.paid, paidAt })
    .where(
      and(
        eq(viewingRequests.id, attempt.viewingRequestId),
        eq(viewingRequests.status, ViewingStatus.pending),
      ),
    )
    .returning({ id: viewingRequests.id })
    .all();
  if (advanced.length > 0) return "paid";
  // Money arrived for a request that is no longer pending (e.g. paid through another attempt):
  // the attempt records it so it can be refunded; the request does not move.
  log.warn("payment.paid_request_not_pending", { attemptId: attempt.id });
  return "paid_request_not_pending";
}

export function closeAttempt(tx: Tx, attempt: PaymentAttempt): "closed" | "not_pending" {
  const changed = tx
    .update(paymentAttempts)
    .set({ status: "closed" })
    .where(and(eq(paymentAttempts.id, attempt.id), eq(paymentAttempts.status, "pending")))
    .returning({ id: paymentAttempts.id })
    .all();
  return changed.length > 0 ? "closed" : "not_pending";
}

export const PAID_TRADE_STATUSES = new Set(["TRADE_SUCCESS", "TRADE_FINISHED"]);
