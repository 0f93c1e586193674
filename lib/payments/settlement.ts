import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import {
  type PaymentAttempt,
  paymentAttempts,
  refunds,
  ViewingStatus,
  viewingRequests,
} from "@/db/schema";
import type { WriteTx } from "@/db/write";
import { bookFeePaid } from "@/lib/earnings/commissions";
import { log } from "@/lib/log";
import { newRefundNumber } from "@/lib/payments/numbers";
import { onViewingPaid, onViewingRefunded } from "@/lib/viewings/notices";

// The one state machine for attempts and requests, shared by both providers' notifies and by
// reconciliation. Every transition runs inside the caller's write transaction and is guarded
// by the current state, so duplicate, replayed or concurrent confirmations change nothing.
//
//   attempt: pending → paid | closed;  closed → paid (a late success);  paid → refunded
//   request: pending → paid (first paid attempt);  refunded when its paying attempt is refunded

export type SettleOutcome = "paid" | "already_paid" | "paid_request_not_pending";

const DUPLICATE_PAYMENT_REFUND_REASON = "重复支付，自动退款";

export async function settlePaid(
  tx: WriteTx,
  attempt: PaymentAttempt,
  tradeNo: string | undefined,
  paidAt = new Date(),
): Promise<SettleOutcome> {
  // Only a pending or closed attempt can become paid: a paid or refunded one never pays again.
  const changed = await tx
    .update(paymentAttempts)
    .set({ status: "paid", tradeNo: tradeNo ?? null, paidAt })
    .where(
      and(
        eq(paymentAttempts.id, attempt.id),
        inArray(paymentAttempts.status, ["pending", "closed"]),
      ),
    )
    .returning({ id: paymentAttempts.id });
  if (changed.length === 0) return "already_paid";
  await bookFeePaid(tx, { ...attempt, status: "paid", paidAt }, paidAt);
  const advanced = await tx
    .update(viewingRequests)
    .set({ status: ViewingStatus.paid, paidAt })
    .where(
      and(
        eq(viewingRequests.id, attempt.viewingRequestId),
        eq(viewingRequests.status, ViewingStatus.pending),
      ),
    )
    .returning({ id: viewingRequests.id });
  if (advanced.length > 0) {
    await onViewingPaid(tx, attempt.viewingRequestId, paidAt);
    return "paid";
  }
  // Money arrived for a request that is no longer pending (paid through another attempt or
  // provider): the refund is owed from this moment, recorded in the same transaction, and sent
  // after the commit (or by reconciliation if that fails).
  await recordOwedRefund(tx, attempt, DUPLICATE_PAYMENT_REFUND_REASON);
  log.warn("payment.paid_request_not_pending", { attemptId: attempt.id });
  return "paid_request_not_pending";
}

/**
 * The full refund of a paid attempt, under a new out_refund_no, unless the attempt already has
 * one (one refund per attempt): what is owed is recorded first and sent after the commit.
 */
export async function recordOwedRefund(
  tx: WriteTx,
  attempt: PaymentAttempt,
  reason: string,
): Promise<void> {
  await tx
    .insert(refunds)
    .values({
      paymentAttemptId: attempt.id,
      provider: attempt.provider,
      outRefundNo: newRefundNumber(),
      amountCents: attempt.amountCents,
      reason: reason.slice(0, 80),
    })
    .onConflictDoNothing();
}

export async function closeAttempt(
  tx: WriteTx,
  attempt: PaymentAttempt,
): Promise<"closed" | "not_pending"> {
  const changed = await tx
    .update(paymentAttempts)
    .set({ status: "closed" })
    .where(and(eq(paymentAttempts.id, attempt.id), eq(paymentAttempts.status, "pending")))
    .returning({ id: paymentAttempts.id });
  return changed.length > 0 ? "closed" : "not_pending";
}

/**
 * A refund the provider confirmed: the attempt becomes refunded, and so does its request when no
 * other paid attempt still pays for it.
 */
export async function markRefunded(
  tx: WriteTx,
  attempt: PaymentAttempt,
  at = new Date(),
): Promise<void> {
  const changed = await tx
    .update(paymentAttempts)
    .set({ status: "refunded" })
    .where(and(eq(paymentAttempts.id, attempt.id), eq(paymentAttempts.status, "paid")))
    .returning({ id: paymentAttempts.id });
  if (changed.length === 0) return;
  const stillPaid = await tx
    .select({ id: paymentAttempts.id })
    .from(paymentAttempts)
    .where(
      and(
        eq(paymentAttempts.viewingRequestId, attempt.viewingRequestId),
        eq(paymentAttempts.status, "paid"),
      ),
    )
    .limit(1);
  if (stillPaid.length > 0) return;
  const refunded = await tx
    .update(viewingRequests)
    .set({ status: ViewingStatus.refunded })
    .where(
      and(
        eq(viewingRequests.id, attempt.viewingRequestId),
        inArray(viewingRequests.status, [ViewingStatus.paid, ViewingStatus.refundRequested]),
      ),
    )
    .returning({ id: viewingRequests.id });
  if (refunded.length > 0) await onViewingRefunded(tx, attempt.viewingRequestId, at);
}

export const PAID_TRADE_STATUSES = new Set(["TRADE_SUCCESS", "TRADE_FINISHED"]);
