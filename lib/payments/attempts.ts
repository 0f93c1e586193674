import "server-only";
import { and, desc, eq, gt } from "drizzle-orm";
import { type PaymentAttempt, paymentAttempts } from "@/db/schema";
import { type WriteTx, writeTransaction } from "@/db/write";
import { newOutTradeNo } from "@/lib/payments/numbers";

export type PaymentProviderName = PaymentAttempt["provider"];

/**
 * The pending attempt to pay this request with this provider: reused while the fee is unchanged
 * (a provider refuses a changed amount under the same out_trade_no) and, when `reusableAfter` is
 * given, only if created after it; otherwise a new one with its own number. The write
 * transaction holds the write lock while reading, so two processes cannot both create one.
 */
export function pendingAttempt(
  viewingRequestId: number,
  amountCents: number,
  provider: PaymentProviderName,
  reusableAfter?: Date,
): Promise<PaymentAttempt> {
  return writeTransaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(paymentAttempts)
      .where(
        and(
          eq(paymentAttempts.viewingRequestId, viewingRequestId),
          eq(paymentAttempts.provider, provider),
          eq(paymentAttempts.status, "pending"),
          eq(paymentAttempts.amountCents, amountCents),
          reusableAfter ? gt(paymentAttempts.createdAt, reusableAfter) : undefined,
        ),
      )
      .orderBy(desc(paymentAttempts.id))
      .limit(1);
    if (existing) return existing;
    const [created] = await tx
      .insert(paymentAttempts)
      .values({ viewingRequestId, outTradeNo: newOutTradeNo(), amountCents, provider })
      .returning();
    if (!created) throw new Error("payment attempt insert failed");
    return created;
  });
}

/** The attempt a provider's notification names by out_trade_no, if it is one of ours. */
export async function attemptByTradeNumber(
  tx: WriteTx,
  outTradeNo: string | null | undefined,
): Promise<PaymentAttempt | undefined> {
  if (!outTradeNo) return undefined;
  return tx.select().from(paymentAttempts).where(eq(paymentAttempts.outTradeNo, outTradeNo)).get();
}
