import "server-only";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import {
  type Commission,
  commissions,
  invitations,
  ledgerEntrySets,
  type PaymentAttempt,
  paymentAttempts,
  type Refund,
  type ViewingRequest,
  ViewingStatus,
  viewingRequests,
} from "@/db/schema";
import type { WriteTx } from "@/db/write";
import { creditPayable, isBooked, type LedgerLine, owed, post } from "@/lib/earnings/ledger";
import { env } from "@/lib/env";
import { notify } from "@/lib/notifications/notify";
import { centsToYuan } from "@/lib/payments/money";

// Viewing fees and the commissions they earn. The fee is the platform's revenue: it is unearned
// while the viewing may still be refunded, and income once the viewing settles (status 3). The
// landlord's share and the inviter's reward are commissions the platform owes: pending from the
// payment, payable from the settlement, cancelled by a refund before it and reversed by one after
// it (a reversal larger than what is payable is recorded as owed back and netted against later
// commissions). Each function runs inside the caller's write transaction and is idempotent.

/** An invite reward is earned on fees paid within this many days of entering the code. */
export const INVITE_REWARD_DAYS = 365;
const DAY_MS = 86_400_000;

export interface CommissionRates {
  landlordSharePercent: number;
  inviteRewardPercent: number;
}

export function commissionRates(): CommissionRates {
  const settings = env();
  return {
    landlordSharePercent: settings.LANDLORD_SHARE_PERCENT,
    inviteRewardPercent: settings.INVITE_REWARD_PERCENT,
  };
}

/** Percent of a fee in whole cents, rounded down: the remainder stays with the platform. */
export function shareOf(feeCents: number, percent: number): number {
  return Math.floor((feeCents * percent) / 100);
}

/** Whether a fee paid at `paidAt` earns the inviter a reward for a code entered at `codeSetAt`. */
export function inRewardWindow(codeSetAt: Date, paidAt: Date): boolean {
  const elapsed = paidAt.getTime() - codeSetAt.getTime();
  return elapsed >= 0 && elapsed < INVITE_REWARD_DAYS * DAY_MS;
}

async function bookFeeReceived(tx: WriteTx, attempt: PaymentAttempt, at: Date): Promise<void> {
  await post(tx, {
    eventKey: `fee_paid:${attempt.id}`,
    kind: "fee_paid",
    at,
    viewingRequestId: attempt.viewingRequestId,
    paymentAttemptId: attempt.id,
    memo: { provider: attempt.provider },
    lines: [
      { account: "provider_funds", amountCents: attempt.amountCents },
      { account: "fees_unearned", amountCents: -attempt.amountCents },
    ],
  });
}

async function inviterOf(
  tx: WriteTx,
  request: ViewingRequest,
  paidAt: Date,
): Promise<number | null> {
  const [invitation] = await tx
    .select({ invitedBy: invitations.invitedBy, setAt: invitations.friendCodeSetAt })
    .from(invitations)
    .where(eq(invitations.userId, request.tenantId));
  if (!invitation?.invitedBy || !invitation.setAt) return null;
  // The landlord of the listing never earns a reward on their own listing's fee.
  if (invitation.invitedBy === request.ownerId || invitation.invitedBy === request.tenantId)
    return null;
  return inRewardWindow(invitation.setAt, paidAt) ? invitation.invitedBy : null;
}

/** The pending commissions of a request's paying attempt, booked once per request. */
async function earnCommissions(
  tx: WriteTx,
  request: ViewingRequest,
  attempt: PaymentAttempt,
  paidAt: Date,
): Promise<void> {
  const eventKey = `commission_earned:${request.id}`;
  if (await isBooked(tx, eventKey)) return;
  const rates = commissionRates();
  const fee = attempt.amountCents;
  const inviter = await inviterOf(tx, request, paidAt);
  const earned: Array<Pick<Commission, "userId" | "kind" | "ratePercent" | "amountCents">> = [
    {
      userId: request.ownerId,
      kind: "landlord_share",
      ratePercent: rates.landlordSharePercent,
      amountCents: shareOf(fee, rates.landlordSharePercent),
    },
  ];
  if (inviter !== null)
    earned.push({
      userId: inviter,
      kind: "invite_reward",
      ratePercent: rates.inviteRewardPercent,
      amountCents: shareOf(fee, rates.inviteRewardPercent),
    });
  const lines: LedgerLine[] = [];
  for (const commission of earned.filter((item) => item.amountCents > 0)) {
    const [row] = await tx
      .insert(commissions)
      .values({
        ...commission,
        viewingRequestId: request.id,
        paymentAttemptId: attempt.id,
        houseId: request.houseId,
        tenantId: request.tenantId,
        feeCents: fee,
      })
      .returning();
    if (!row) continue;
    const tag = { commissionId: row.id, ratePercent: row.ratePercent };
    lines.push(
      { account: "commission_expense", amountCents: row.amountCents, ...tag },
      { account: "commission_pending", userId: row.userId, amountCents: -row.amountCents, ...tag },
    );
  }
  await post(tx, {
    eventKey,
    kind: "commission_earned",
    at: paidAt,
    viewingRequestId: request.id,
    paymentAttemptId: attempt.id,
    memo: {
      fee_cents: fee,
      landlord_share_percent: rates.landlordSharePercent,
      invite_reward_percent: rates.inviteRewardPercent,
      inviter_id: inviter,
    },
    lines,
  });
}

/**
 * Books a viewing fee the provider confirmed (called where the attempt becomes paid, before the
 * request moves on). The attempt that pays a pending request also earns its pending commissions;
 * a duplicate payment is only received (and later refunded).
 */
export async function bookFeePaid(tx: WriteTx, attempt: PaymentAttempt, paidAt: Date) {
  await bookFeeReceived(tx, attempt, paidAt);
  const [request] = await tx
    .select()
    .from(viewingRequests)
    .where(eq(viewingRequests.id, attempt.viewingRequestId));
  if (request?.status === ViewingStatus.pending)
    await earnCommissions(tx, request, attempt, paidAt);
}

async function payingAttempt(tx: WriteTx, requestId: number): Promise<PaymentAttempt | undefined> {
  const [earned] = await tx
    .select({ attemptId: commissions.paymentAttemptId })
    .from(commissions)
    .where(eq(commissions.viewingRequestId, requestId))
    .limit(1);
  const [attempt] = await tx
    .select()
    .from(paymentAttempts)
    .where(
      earned
        ? eq(paymentAttempts.id, earned.attemptId)
        : and(eq(paymentAttempts.viewingRequestId, requestId), isNotNull(paymentAttempts.paidAt)),
    )
    .orderBy(asc(paymentAttempts.paidAt))
    .limit(1);
  return attempt;
}

/**
 * The viewing settled (status 3): its fee becomes platform income and its commissions payable.
 * Call it inside the write transaction that sets status 3. Idempotent; false when nothing was
 * booked (already settled, or no paid fee to settle).
 */
export async function bookFeeSettled(
  tx: WriteTx,
  viewingRequestId: number,
  at: Date,
): Promise<boolean> {
  const eventKey = `fee_settled:${viewingRequestId}`;
  if (await isBooked(tx, eventKey)) return false;
  const [request] = await tx
    .select()
    .from(viewingRequests)
    .where(eq(viewingRequests.id, viewingRequestId));
  const attempt = request && (await payingAttempt(tx, request.id));
  if (!request || !attempt || attempt.status !== "paid" || !attempt.paidAt) return false;
  // Fees paid before the ledger existed are booked now, once.
  await bookFeeReceived(tx, attempt, attempt.paidAt);
  await earnCommissions(tx, request, attempt, attempt.paidAt);

  const pending = await tx
    .select()
    .from(commissions)
    .where(and(eq(commissions.viewingRequestId, request.id), eq(commissions.status, "pending")));
  const lines: LedgerLine[] = [
    { account: "fees_unearned", amountCents: attempt.amountCents },
    { account: "fee_income", amountCents: -attempt.amountCents },
  ];
  for (const commission of pending) {
    const changed = await tx
      .update(commissions)
      .set({ status: "payable" })
      .where(and(eq(commissions.id, commission.id), eq(commissions.status, "pending")))
      .returning({ id: commissions.id });
    if (changed.length === 0) continue;
    const tag = { commissionId: commission.id, ratePercent: commission.ratePercent };
    lines.push(
      {
        account: "commission_pending",
        userId: commission.userId,
        amountCents: commission.amountCents,
        ...tag,
      },
      ...(await creditPayable(tx, commission.userId, commission.amountCents, tag)),
    );
    await notify(tx, {
      userId: commission.userId,
      kind: "commission_payable",
      eventKey: `commission_payable:${commission.id}`,
      payload: {
        title: "收益可提现",
        body: `${commission.kind === "landlord_share" ? "房源看房服务费分成" : "邀请好友奖励"} ¥${centsToYuan(commission.amountCents)} 已可提现`,
        amount: centsToYuan(commission.amountCents),
      },
      link: "/wallet",
      now: at,
    });
  }
  return post(tx, {
    eventKey,
    kind: "fee_settled",
    at,
    viewingRequestId: request.id,
    paymentAttemptId: attempt.id,
    lines,
  });
}

/**
 * A refund the provider confirmed. Before settlement the fee leaves the unearned fees and its
 * pending commissions are cancelled; after settlement it is a refund of income and the payable
 * commissions are reversed, anything beyond what is payable recorded as owed back.
 */
export async function bookRefundSucceeded(
  tx: WriteTx,
  refund: Refund,
  attempt: PaymentAttempt,
  at: Date,
): Promise<void> {
  const eventKey = `refund:${refund.id}`;
  if (await isBooked(tx, eventKey)) return;
  if (attempt.paidAt) await bookFeeReceived(tx, attempt, attempt.paidAt);
  const [settled] = await tx
    .select({ id: ledgerEntrySets.id })
    .from(ledgerEntrySets)
    .where(
      and(
        eq(ledgerEntrySets.eventKey, `fee_settled:${attempt.viewingRequestId}`),
        eq(ledgerEntrySets.paymentAttemptId, attempt.id),
      ),
    );
  const lines: LedgerLine[] = [
    { account: settled ? "fees_refunded" : "fees_unearned", amountCents: refund.amountCents },
    { account: "provider_funds", amountCents: -refund.amountCents },
  ];
  const earned = await tx
    .select()
    .from(commissions)
    .where(eq(commissions.paymentAttemptId, attempt.id));
  for (const commission of earned) {
    const next = commission.status === "pending" ? "cancelled" : "reversed";
    if (commission.status !== "pending" && commission.status !== "payable") continue;
    await tx
      .update(commissions)
      .set({ status: next })
      .where(and(eq(commissions.id, commission.id), eq(commissions.status, commission.status)));
    const tag = { commissionId: commission.id, ratePercent: commission.ratePercent };
    const user = commission.userId;
    lines.push({ account: "commission_expense", amountCents: -commission.amountCents, ...tag });
    if (commission.status === "pending") {
      lines.push({
        account: "commission_pending",
        userId: user,
        amountCents: commission.amountCents,
        ...tag,
      });
      continue;
    }
    const fromPayable = Math.min(
      commission.amountCents,
      await owed(tx, user, "commission_payable"),
    );
    lines.push(
      { account: "commission_payable", userId: user, amountCents: fromPayable, ...tag },
      {
        account: "owed_back",
        userId: user,
        amountCents: commission.amountCents - fromPayable,
        ...tag,
      },
    );
  }
  await post(tx, {
    eventKey,
    kind: "refund",
    at,
    viewingRequestId: attempt.viewingRequestId,
    paymentAttemptId: attempt.id,
    refundId: refund.id,
    memo: { settled: Boolean(settled), reason: refund.reason },
    lines,
  });
}
