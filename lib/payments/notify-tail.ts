import "server-only";
import { type WriteTx, writeTransaction } from "@/db/write";
import { log } from "@/lib/log";
import { sendOwedRefund } from "@/lib/payments/refunds";

/** A provider's notify body beyond this is refused unread; the stored raw body is cut to it. */
export const MAX_NOTIFY_BODY_CHARS = 64 * 1024;

export interface NotifyDecision {
  outcome: string;
  /** A payment that arrived when its request was no longer pending: refund it. */
  owedRefundAttemptId?: number;
}

/**
 * The common tail of the providers' payment notifies: decides and stores the raw notify in one
 * write transaction (the stored row and the state change commit together), logs the outcome
 * as `event`, and only after the commit sends a refund the decision found owed.
 */
export async function recordNotify<D extends NotifyDecision>(
  event: "alipay.notify" | "wxpay.notify",
  decide: (tx: WriteTx) => Promise<D>,
  storeRaw: (tx: WriteTx, decided: D) => Promise<unknown>,
  logFields: (decided: D) => Record<string, unknown>,
): Promise<D> {
  const decided = await writeTransaction(async (tx) => {
    const result = await decide(tx);
    await storeRaw(tx, result);
    return result;
  });
  log.info(event, { outcome: decided.outcome, ...logFields(decided) });
  if (decided.owedRefundAttemptId) await sendOwedRefund(decided.owedRefundAttemptId);
  return decided;
}
