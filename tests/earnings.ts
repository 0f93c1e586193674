import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import {
  alipayBindings,
  identityVerifications,
  invitations,
  type PaymentAttempt,
  paymentAttempts,
  refunds,
  viewingRequests,
} from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { encryptText } from "@/lib/crypto";
import { recordRefundReport } from "@/lib/payments/refunds";
import { settlePaid } from "@/lib/payments/settlement";
import { insertHouse } from "@/lib/payments/test-support";
import { SYSTEM } from "@/lib/viewings/notices";
import { markViewed as markRequestViewed } from "@/lib/viewings/transitions";
import { createUser } from "@/tests/helpers";

// Factories for the earnings tests: viewing fees paid, settled and refunded through the real
// state-machine functions (so the ledger hooks run exactly as in production).

let sequence = 0;

export async function landlordWithHouse() {
  const landlord = await createUser({ nickname: "房东" });
  const house = await insertHouse(landlord.user.id);
  return { landlord, house };
}

/** A pending viewing request with one pending attempt, then paid at `paidAt`. */
export async function paidViewing(options: {
  ownerId: number;
  houseId: number;
  tenantId: number;
  feeCents?: number;
  paidAt?: Date;
}): Promise<{ requestId: number; attempt: PaymentAttempt }> {
  sequence += 1;
  const paidAt = options.paidAt ?? new Date();
  const attempt = await writeTransaction(async (tx) => {
    const [request] = await tx
      .insert(viewingRequests)
      .values({ houseId: options.houseId, ownerId: options.ownerId, tenantId: options.tenantId })
      .returning();
    if (!request) throw new Error("request insert failed");
    const [pending] = await tx
      .insert(paymentAttempts)
      .values({
        viewingRequestId: request.id,
        outTradeNo: `T${process.pid}${sequence}${randomBytes(4).toString("hex")}`,
        amountCents: options.feeCents ?? 1000,
      })
      .returning();
    if (!pending) throw new Error("attempt insert failed");
    await settlePaid(tx, pending, `trade-${pending.id}`, paidAt);
    return pending;
  });
  const [paid] = await db()
    .select()
    .from(paymentAttempts)
    .where(eq(paymentAttempts.id, attempt.id));
  if (!paid) throw new Error("attempt vanished");
  return { requestId: attempt.viewingRequestId, attempt: paid };
}

/** The viewing settles (status 3) through the real transition, which books the fee as settled. */
export async function markViewed(requestId: number, at = new Date()) {
  return writeTransaction((tx) => markRequestViewed(tx, requestId, at, SYSTEM));
}

/**
 * A refund of the attempt the provider confirmed, recorded through the real refund path (the
 * refund row already owed for a duplicate payment is the one confirmed).
 */
export async function refundConfirmed(attempt: PaymentAttempt, at = new Date()) {
  return writeTransaction(async (tx) => {
    await tx
      .insert(refunds)
      .values({
        paymentAttemptId: attempt.id,
        provider: attempt.provider,
        outRefundNo: `RF${attempt.id}${randomBytes(4).toString("hex")}`,
        amountCents: attempt.amountCents,
        reason: "测试退款",
      })
      .onConflictDoNothing();
    const [refund] = await tx
      .update(refunds)
      .set({ status: "unknown" })
      .where(eq(refunds.paymentAttemptId, attempt.id))
      .returning();
    if (!refund) throw new Error("refund missing");
    return recordRefundReport(tx, refund, attempt, { state: "succeeded" }, at);
  });
}

/** `tenantId` entered `inviterId`'s code at `at`. */
export async function invitedBy(tenantId: number, inviterId: number, at: Date) {
  await writeTransaction(async (tx) => {
    for (const userId of [inviterId, tenantId])
      await tx
        .insert(invitations)
        .values({ userId, myCode: `C${userId}${randomBytes(3).toString("hex")}`.slice(0, 8) })
        .onConflictDoNothing();
    await tx
      .update(invitations)
      .set({ friendCode: "X", invitedBy: inviterId, friendCodeSetAt: at })
      .where(eq(invitations.userId, tenantId));
  });
}

/** An approved real-name verification and a bound Alipay account (2088… user id). */
export async function verifiedPayee(
  userId: number,
  options: { alipayUserId?: string; realName?: string } = {},
) {
  const alipayUserId = options.alipayUserId ?? `2088${String(100000000000 + userId).slice(-12)}`;
  await writeTransaction(async (tx) => {
    await tx.insert(identityVerifications).values({
      userId,
      realName: options.realName ?? "张三",
      idNumberEncrypted: encryptText(`id-${userId}`),
      idNumberHash: `hash-${userId}-${randomBytes(4).toString("hex")}`,
      idNumberMasked: "1101**********1234",
      portraitKey: "k/p",
      frontKey: "k/f",
      backKey: "k/b",
      status: "approved",
    });
    await tx.insert(alipayBindings).values({
      userId,
      alipayUserId,
      accessTokenEncrypted: encryptText("authusrBtest"),
    });
  });
  return alipayUserId;
}
