import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db";
import {
  ledgerEntries,
  ledgerEntrySets,
  OPEN_WITHDRAWAL_STATUSES,
  paymentAttempts,
  payouts,
  refunds,
  withdrawals,
} from "@/db/schema";

// `npm run ledger:check`: the ledger against itself (balanced sets, nothing owed negative) and
// against the money records it must mirror (paid attempts, succeeded refunds, successful
// transfers, open withdrawals). Every difference is reported; none means the books agree.

type Reader = ReturnType<typeof db>;

async function amountsByKey(
  reader: Reader,
  kinds: string[],
  key: "paymentAttemptId" | "refundId" | "payoutId",
): Promise<Map<number, number[]>> {
  const rows = await reader
    .select({ ref: ledgerEntrySets[key], amount: ledgerEntries.amountCents })
    .from(ledgerEntrySets)
    .innerJoin(ledgerEntries, eq(ledgerEntries.entrySetId, ledgerEntrySets.id))
    .where(
      and(
        inArray(ledgerEntrySets.kind, kinds as never[]),
        eq(ledgerEntries.account, "provider_funds"),
      ),
    );
  const map = new Map<number, number[]>();
  for (const row of rows) {
    if (row.ref === null) continue;
    map.set(row.ref, [...(map.get(row.ref) ?? []), row.amount]);
  }
  return map;
}

function compare(
  problems: string[],
  what: string,
  expected: Map<number, number>,
  booked: Map<number, number[]>,
) {
  for (const [id, amount] of expected) {
    const lines = booked.get(id) ?? [];
    if (lines.length !== 1 || lines[0] !== amount)
      problems.push(`${what} ${id}: expected ${amount} cents, ledger has [${lines.join(", ")}]`);
  }
  for (const [id, lines] of booked)
    if (!expected.has(id))
      problems.push(`${what} ${id}: booked [${lines.join(", ")}] but not in its table`);
}

export async function checkLedger(reader: Reader = db()): Promise<string[]> {
  const problems: string[] = [];

  const unbalanced = await reader
    .select({
      key: ledgerEntrySets.eventKey,
      sum: sql<number>`coalesce(sum(${ledgerEntries.amountCents}), 0)`,
      lines: sql<number>`count(${ledgerEntries.id})`,
    })
    .from(ledgerEntrySets)
    .leftJoin(ledgerEntries, eq(ledgerEntries.entrySetId, ledgerEntrySets.id))
    .groupBy(ledgerEntrySets.id)
    .having(
      sql`coalesce(sum(${ledgerEntries.amountCents}), 0) <> 0 or count(${ledgerEntries.id}) = 0`,
    );
  for (const row of unbalanced)
    problems.push(`entry set ${row.key}: ${row.lines} lines summing to ${row.sum}`);

  const negative = await reader
    .select({
      userId: ledgerEntries.userId,
      account: ledgerEntries.account,
      sum: sql<number>`sum(${ledgerEntries.amountCents})`,
    })
    .from(ledgerEntries)
    .where(sql`${ledgerEntries.userId} is not null`)
    .groupBy(ledgerEntries.userId, ledgerEntries.account)
    .having(
      sql`(${ledgerEntries.account} = 'owed_back' and sum(${ledgerEntries.amountCents}) < 0) or (${ledgerEntries.account} <> 'owed_back' and sum(${ledgerEntries.amountCents}) > 0)`,
    );
  for (const row of negative)
    problems.push(`user ${row.userId} ${row.account}: balance ${row.sum} is below zero owed`);

  // Each money record, with the provider_funds amount its ledger event must carry.
  const records = [
    {
      what: "payment attempt",
      kinds: ["fee_paid"],
      key: "paymentAttemptId" as const,
      rows: await reader
        .select({ id: paymentAttempts.id, amount: paymentAttempts.amountCents })
        .from(paymentAttempts)
        .where(inArray(paymentAttempts.status, ["paid", "refunded"])),
      sign: 1,
    },
    {
      what: "refund",
      kinds: ["refund"],
      key: "refundId" as const,
      rows: await reader
        .select({ id: refunds.id, amount: refunds.amountCents })
        .from(refunds)
        .where(eq(refunds.status, "succeeded")),
      sign: -1,
    },
    {
      what: "payout",
      kinds: ["withdrawal_paid", "platform_payout"],
      key: "payoutId" as const,
      rows: await reader
        .select({ id: payouts.id, amount: payouts.amountCents })
        .from(payouts)
        .where(eq(payouts.status, "success")),
      sign: -1,
    },
  ];
  for (const record of records)
    compare(
      problems,
      record.what,
      new Map(record.rows.map((row) => [row.id, record.sign * row.amount])),
      await amountsByKey(reader, record.kinds, record.key),
    );

  const paidWithdrawals = await reader
    .select({ id: withdrawals.id, payoutId: withdrawals.payoutId, status: payouts.status })
    .from(withdrawals)
    .leftJoin(payouts, eq(payouts.id, withdrawals.payoutId))
    .where(eq(withdrawals.status, "paid"));
  for (const row of paidWithdrawals)
    if (row.status !== "success")
      problems.push(`withdrawal ${row.id}: paid without a successful transfer`);

  const reservedRows = await reader
    .select({ userId: ledgerEntries.userId, sum: sql<number>`-sum(${ledgerEntries.amountCents})` })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.account, "payout_reserved"))
    .groupBy(ledgerEntries.userId);
  const openRows = await reader
    .select({ userId: withdrawals.userId, sum: sql<number>`sum(${withdrawals.amountCents})` })
    .from(withdrawals)
    .where(inArray(withdrawals.status, [...OPEN_WITHDRAWAL_STATUSES]))
    .groupBy(withdrawals.userId);
  const open = new Map(openRows.map((row) => [row.userId, Number(row.sum)]));
  for (const row of reservedRows) {
    const expected = open.get(row.userId as number) ?? 0;
    if (Number(row.sum) !== expected)
      problems.push(`user ${row.userId}: ${row.sum} cents reserved, open withdrawals ${expected}`);
    open.delete(row.userId as number);
  }
  for (const [userId, sum] of open)
    problems.push(`user ${userId}: open withdrawals of ${sum} cents with nothing reserved`);

  return problems;
}
