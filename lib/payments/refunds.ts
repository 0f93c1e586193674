import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { type PaymentAttempt, paymentAttempts, type Refund, refunds } from "@/db/schema";
import { type WriteTx, writeTransaction } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import { type Clock, systemClock } from "@/lib/clock";
import { bookRefundSucceeded } from "@/lib/earnings/commissions";
import { log } from "@/lib/log";
import { newRefundNumber } from "@/lib/payments/numbers";
import {
  isProviderUnavailable,
  paymentProvider,
  type RefundReport,
} from "@/lib/payments/providers";
import { markRefunded, recordOwedRefund } from "@/lib/payments/settlement";

// Full refunds of a paid attempt on either provider, one `refunds` row per attempt.
// The row is written before anything is sent; sending first moves it pending → unknown (so a
// crash or timeout leaves "unknown", never "pending"), and the provider's answer moves it on.
// An unknown or processing refund is settled by the refund query, never by a new refund; only
// when the query finds nothing under our number is the same number sent again, which providers
// refund at most once.

type Status = Refund["status"];

async function loadAttempt(id: number): Promise<PaymentAttempt> {
  const attempt = await db().query.paymentAttempts.findFirst({ where: eq(paymentAttempts.id, id) });
  if (!attempt) throw ApiError.notFound("付款记录");
  return attempt;
}

async function loadRefund(id: number): Promise<Refund> {
  const refund = await db().query.refunds.findFirst({ where: eq(refunds.id, id) });
  if (!refund) throw new Error(`refund ${id} vanished`);
  return refund;
}

/** Moves the refund from one of `from` to `to`; false when someone else moved it first. */
async function transition(refund: Refund, from: Status[], to: Status): Promise<boolean> {
  const moved = await writeTransaction((tx) =>
    tx
      .update(refunds)
      .set({ status: to })
      .where(and(eq(refunds.id, refund.id), inArray(refunds.status, from)))
      .returning({ id: refunds.id }),
  );
  return moved.length > 0;
}

/** Records a provider's refund report inside the caller's transaction, guarded by state. */
export async function recordRefundReport(
  tx: WriteTx,
  refund: Refund,
  attempt: PaymentAttempt,
  report: RefundReport,
  at: Date,
): Promise<"recorded" | "unchanged"> {
  if (report.state === "missing") return "unchanged";
  const status: Status =
    report.state === "succeeded"
      ? "succeeded"
      : report.state === "failed"
        ? "failed"
        : "processing";
  const changed = await tx
    .update(refunds)
    .set({
      status,
      providerRefundId: report.providerRefundId ?? refund.providerRefundId,
      resultMessage: report.message?.slice(0, 200) ?? null,
      succeededAt: status === "succeeded" ? at : null,
    })
    .where(and(eq(refunds.id, refund.id), inArray(refunds.status, ["unknown", "processing"])))
    .returning({ id: refunds.id });
  if (changed.length === 0) return "unchanged";
  if (status === "succeeded") {
    await markRefunded(tx, attempt, at);
    await bookRefundSucceeded(tx, refund, attempt, at);
  }
  if (status === "failed")
    log.error("refund.failed", { refundId: refund.id, message: report.message });
  return "recorded";
}

function applyReport(
  refund: Refund,
  attempt: PaymentAttempt,
  report: RefundReport,
  clock: Clock,
): Promise<unknown> {
  return writeTransaction((tx) => recordRefundReport(tx, refund, attempt, report, clock()));
}

async function send(refund: Refund, attempt: PaymentAttempt, clock: Clock): Promise<void> {
  try {
    await applyReport(
      refund,
      attempt,
      await paymentProvider(attempt.provider).refund(attempt, refund, clock),
      clock,
    );
  } catch (error) {
    if (!isProviderUnavailable(error)) throw error;
    log.warn("refund.outcome_unknown", { refundId: refund.id });
  }
}

/**
 * Takes a refund one step further: sends a pending one, queries an unknown or processing one.
 * Safe to call any number of times, from any process.
 */
export async function advanceRefund(refundId: number, clock: Clock = systemClock): Promise<Refund> {
  const refund = await loadRefund(refundId);
  const attempt = await loadAttempt(refund.paymentAttemptId);
  if (refund.status === "pending") {
    if (await transition(refund, ["pending"], "unknown")) await send(refund, attempt, clock);
  } else if (refund.status === "unknown" || refund.status === "processing") {
    try {
      const report = await paymentProvider(attempt.provider).queryRefund(attempt, refund, clock);
      if (report.state === "missing" && refund.status === "unknown")
        await send(refund, attempt, clock);
      else await applyReport(refund, attempt, report, clock);
    } catch (error) {
      if (!isProviderUnavailable(error)) throw error;
      log.warn("refund.query_failed", { refundId: refund.id });
    }
  }
  return loadRefund(refund.id);
}

/**
 * Refunds a paid attempt in full (Alipay alipay.trade.refund / WeChat Pay domestic refunds).
 * Idempotent: a second call for the same attempt returns the same refund, advanced by a query
 * if its outcome is still open. Status 8 when the attempt was never paid.
 */
export async function refundAttempt(
  attemptId: number,
  options: { reason: string; clock?: Clock },
): Promise<Refund> {
  const clock = options.clock ?? systemClock;
  const attempt = await loadAttempt(attemptId);
  if (attempt.status !== "paid" && attempt.status !== "refunded")
    throw ApiError.conflict("这笔付款未支付成功，无法退款", { attempt_status: attempt.status });
  const refund = await writeTransaction(async (tx) => {
    await recordOwedRefund(tx, attempt, options.reason);
    const [row] = await tx.select().from(refunds).where(eq(refunds.paymentAttemptId, attempt.id));
    if (!row) throw new Error("refund insert failed");
    return row;
  });
  return advanceRefund(refund.id, clock);
}

/**
 * A refund the provider reported failed (final there: no money moved) is sent again under a new
 * number, so the request's fee is retried until it settles. Only one caller moves it back.
 */
export async function retryFailedRefund(
  refundId: number,
  clock: Clock = systemClock,
): Promise<Refund> {
  await writeTransaction((tx) =>
    tx
      .update(refunds)
      .set({ status: "pending", outRefundNo: newRefundNumber(), providerRefundId: null })
      .where(and(eq(refunds.id, refundId), eq(refunds.status, "failed")))
      .run(),
  );
  return advanceRefund(refundId, clock);
}

/** Sends the refund owed for a duplicate payment; reconciliation retries if this fails. */
export async function sendOwedRefund(attemptId: number): Promise<void> {
  const owed = await db().query.refunds.findFirst({
    where: eq(refunds.paymentAttemptId, attemptId),
  });
  if (!owed) return;
  try {
    await advanceRefund(owed.id);
  } catch (error) {
    log.error("refund.send_failed", { refundId: owed.id, error: String(error) });
  }
}

/**
 * Job step: sends owed refunds and settles unknown or processing ones by the refund query.
 * Answers how many refunds it looked at and where they ended up.
 */
export async function settleRefunds(_context: { now: Date }): Promise<Record<string, number>> {
  const open = await db()
    .select({ id: refunds.id })
    .from(refunds)
    .where(inArray(refunds.status, ["pending", "unknown", "processing"]));
  const summary: Record<string, number> = {
    checked: open.length,
    succeeded: 0,
    failed: 0,
    open: 0,
  };
  for (const { id } of open) {
    const after = await advanceRefund(id);
    if (after.status === "succeeded") summary.succeeded = (summary.succeeded ?? 0) + 1;
    else if (after.status === "failed") summary.failed = (summary.failed ?? 0) + 1;
    else summary.open = (summary.open ?? 0) + 1;
  }
  return summary;
}
