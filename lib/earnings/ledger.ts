import "server-only";
import { and, eq, sql } from "drizzle-orm";
import {
  type LedgerAccount,
  type LedgerEventKind,
  ledgerEntries,
  ledgerEntrySets,
} from "@/db/schema";
import type { WriteTx } from "@/db/write";

// Double-entry bookkeeping in integer cents, debit positive. Every money event is one entry set
// whose lines sum to zero, booked at most once under its event key, inside the write transaction
// of the state change that causes it. What the platform owes a user (pending, payable, reserved)
// and what a user owes back never go below zero: a line that would make one negative rolls the
// whole transaction back.

/** A read connection or the caller's write transaction (reads inside it see its own writes). */
export type LedgerReader = Pick<WriteTx, "select">;

/** Accounts kept per user; the others are the platform's. */
const USER_ACCOUNTS = new Set<LedgerAccount>([
  "commission_pending",
  "commission_payable",
  "payout_reserved",
  "owed_back",
]);

export interface LedgerLine {
  account: LedgerAccount;
  userId?: number | null;
  amountCents: number;
  commissionId?: number | null;
  ratePercent?: number | null;
}

export interface EntrySetInput {
  eventKey: string;
  kind: LedgerEventKind;
  at: Date;
  lines: LedgerLine[];
  viewingRequestId?: number | null;
  paymentAttemptId?: number | null;
  refundId?: number | null;
  withdrawalId?: number | null;
  payoutId?: number | null;
  memo?: Record<string, unknown>;
}

export class LedgerInvariantError extends Error {}

/**
 * Books one entry set; false (and nothing written) when its event key was booked before.
 * Zero lines are dropped; an entry set with nothing left is not booked.
 */
export async function post(tx: WriteTx, input: EntrySetInput): Promise<boolean> {
  const lines = input.lines.filter((line) => line.amountCents !== 0);
  for (const line of lines) {
    if (!Number.isSafeInteger(line.amountCents))
      throw new LedgerInvariantError(`${input.eventKey}: amount is not whole cents`);
    if (USER_ACCOUNTS.has(line.account) !== (line.userId != null))
      throw new LedgerInvariantError(`${input.eventKey}: ${line.account} and user do not match`);
  }
  const total = lines.reduce((sum, line) => sum + line.amountCents, 0);
  if (total !== 0) throw new LedgerInvariantError(`${input.eventKey}: entries sum to ${total}`);
  if (lines.length === 0) return false;
  const [set] = await tx
    .insert(ledgerEntrySets)
    .values({
      eventKey: input.eventKey,
      kind: input.kind,
      viewingRequestId: input.viewingRequestId ?? null,
      paymentAttemptId: input.paymentAttemptId ?? null,
      refundId: input.refundId ?? null,
      withdrawalId: input.withdrawalId ?? null,
      payoutId: input.payoutId ?? null,
      memo: JSON.stringify(input.memo ?? {}),
      bookedAt: input.at,
    })
    .onConflictDoNothing({ target: ledgerEntrySets.eventKey })
    .returning({ id: ledgerEntrySets.id });
  if (!set) return false;
  await tx.insert(ledgerEntries).values(
    lines.map((line) => ({
      entrySetId: set.id,
      account: line.account,
      userId: line.userId ?? null,
      amountCents: line.amountCents,
      commissionId: line.commissionId ?? null,
      ratePercent: line.ratePercent ?? null,
      bookedAt: input.at,
    })),
  );
  for (const line of lines) {
    if (line.userId == null) continue;
    if ((await owed(tx, line.userId, line.account)) < 0)
      throw new LedgerInvariantError(`${input.eventKey}: ${line.account} would go negative`);
  }
  return true;
}

/** Whether an event was booked. */
export async function isBooked(reader: LedgerReader, eventKey: string): Promise<boolean> {
  const [row] = await reader
    .select({ id: ledgerEntrySets.id })
    .from(ledgerEntrySets)
    .where(eq(ledgerEntrySets.eventKey, eventKey))
    .limit(1);
  return row !== undefined;
}

/**
 * A user account's balance the way the user reads it: what the platform owes them on
 * pending/payable/reserved (credits), what they owe back on owed_back (debits).
 */
export async function owed(
  reader: LedgerReader,
  userId: number,
  account: LedgerAccount,
): Promise<number> {
  const [row] = await reader
    .select({ sum: sql<number>`coalesce(sum(${ledgerEntries.amountCents}), 0)` })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.userId, userId), eq(ledgerEntries.account, account)));
  const sum = Number(row?.sum ?? 0);
  return account === "owed_back" || sum === 0 ? sum : -sum;
}

/**
 * Lines that pay `amountCents` to a user's payable balance from `from`: what they owe back is
 * settled first (netting), the rest becomes payable.
 */
export async function creditPayable(
  tx: WriteTx,
  userId: number,
  amountCents: number,
  commission?: { commissionId: number; ratePercent: number },
): Promise<LedgerLine[]> {
  const owedBack = await owed(tx, userId, "owed_back");
  const netted = Math.min(owedBack, amountCents);
  return [
    { account: "owed_back", userId, amountCents: -netted, ...commission },
    { account: "commission_payable", userId, amountCents: -(amountCents - netted), ...commission },
  ];
}
