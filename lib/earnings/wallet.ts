import "server-only";
import { and, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { db } from "@/db";
import {
  commissions,
  houses,
  type LedgerAccount,
  type LedgerEventKind,
  ledgerEntries,
  ledgerEntrySets,
  OPEN_WITHDRAWAL_STATUSES,
  users,
  type Withdrawal,
  type WithdrawalStatus,
  withdrawals,
} from "@/db/schema";
import { chinaDateTime } from "@/lib/china-time";
import { commissionRates, INVITE_REWARD_DAYS } from "@/lib/earnings/commissions";
import { owed } from "@/lib/earnings/ledger";
import {
  chinaMonth,
  decideWithdrawal,
  listWithdrawals,
  MIN_WITHDRAWAL_CENTS,
  maskAccount,
  payeeOf,
  requestWithdrawal,
  withdrawnInMonth,
} from "@/lib/earnings/withdrawals";
import { env } from "@/lib/env";
import { centsToYuan } from "@/lib/payments/money";

// What a user reads about their earnings: balances, entries with their source, withdrawals and
// the monthly statement. Amounts are integer cents; yuan only in the CSV.

const ACCOUNT_LABELS: Record<LedgerAccount, string> = {
  provider_funds: "平台资金",
  fees_unearned: "待结算服务费",
  fee_income: "服务费收入",
  fees_refunded: "服务费退款",
  commission_expense: "佣金支出",
  payout_expense: "转账支出",
  commission_pending: "待结算",
  commission_payable: "可提现",
  payout_reserved: "提现中",
  owed_back: "待抵扣",
};

const EVENT_LABELS: Record<LedgerEventKind, string> = {
  fee_paid: "服务费到账",
  commission_earned: "获得佣金（待结算）",
  fee_settled: "看房完成，佣金可提现",
  refund: "服务费退款，佣金冲回",
  withdrawal_requested: "申请提现",
  withdrawal_paid: "提现到账",
  withdrawal_failed: "提现退回",
  platform_payout: "平台转账",
};

function withdrawalAnswer(row: Withdrawal) {
  return {
    id: row.id,
    amount_cents: row.amountCents,
    status: row.status,
    reason: row.reason,
    payee_account_masked: maskAccount(row.payeeAccount),
    requested_at: row.requestedAt.toISOString(),
    settled_at: row.settledAt?.toISOString() ?? null,
  };
}

const tenants = alias(users, "tenants");

/** A user's ledger lines with their source: which listing, or which invited friend. */
async function entryRows(
  userId: number,
  options: { offset: number; limit: number; from?: Date; to?: Date },
) {
  const where = and(
    eq(ledgerEntries.userId, userId),
    options.from ? gte(ledgerEntries.bookedAt, options.from) : undefined,
    options.to ? lt(ledgerEntries.bookedAt, options.to) : undefined,
  );
  const rows = await db()
    .select({
      id: ledgerEntries.id,
      account: ledgerEntries.account,
      amountCents: ledgerEntries.amountCents,
      ratePercent: ledgerEntries.ratePercent,
      bookedAt: ledgerEntries.bookedAt,
      kind: ledgerEntrySets.kind,
      withdrawalId: ledgerEntrySets.withdrawalId,
      commissionKind: commissions.kind,
      houseId: commissions.houseId,
      houseTitle: houses.descriptionTitle,
      friendNickname: tenants.nickname,
      friendWxNickname: tenants.wxNickname,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerEntrySets, eq(ledgerEntrySets.id, ledgerEntries.entrySetId))
    .leftJoin(commissions, eq(commissions.id, ledgerEntries.commissionId))
    .leftJoin(houses, eq(houses.id, commissions.houseId))
    .leftJoin(tenants, eq(tenants.id, commissions.tenantId))
    .where(where)
    .orderBy(desc(ledgerEntries.id))
    .limit(options.limit)
    .offset(options.offset);
  const [total] = await db()
    .select({ count: sql<number>`count(*)` })
    .from(ledgerEntries)
    .where(where);
  return { total: Number(total?.count ?? 0), rows };
}

type EntryRow = Awaited<ReturnType<typeof entryRows>>["rows"][number];

function sourceOf(row: EntryRow): {
  type: "listing" | "friend" | "withdrawal" | "other";
  label: string;
} {
  if (row.commissionKind === "landlord_share")
    return { type: "listing", label: row.houseTitle ?? `房源 ${row.houseId}` };
  if (row.commissionKind === "invite_reward")
    return {
      type: "friend",
      label: `好友 ${row.friendNickname ?? row.friendWxNickname ?? "（未设置昵称）"}`,
    };
  if (row.withdrawalId !== null) return { type: "withdrawal", label: `提现 #${row.withdrawalId}` };
  return { type: "other", label: "" };
}

function entryAnswer(row: EntryRow) {
  const source = sourceOf(row);
  return {
    id: row.id,
    kind: row.kind,
    kind_label: EVENT_LABELS[row.kind],
    account: row.account as
      | "commission_pending"
      | "commission_payable"
      | "payout_reserved"
      | "owed_back",
    account_label: ACCOUNT_LABELS[row.account],
    // From the user's side: + what the platform owes them more, − less (owed back counts against).
    amount_cents: -row.amountCents,
    rate_percent: row.ratePercent,
    source_type: source.type,
    source: source.label,
    house_id: row.houseId,
    booked_at: row.bookedAt.toISOString(),
  };
}

export async function walletEntries(userId: number, page: { shift: number; count: number }) {
  const { total, rows } = await entryRows(userId, { offset: page.shift, limit: page.count });
  return { total, entries: rows.map(entryAnswer) };
}

export async function walletOf(userId: number) {
  const reader = db();
  const [pending, payable, reserved, owedBack] = await Promise.all([
    owed(reader, userId, "commission_pending"),
    owed(reader, userId, "commission_payable"),
    owed(reader, userId, "payout_reserved"),
    owed(reader, userId, "owed_back"),
  ]);
  const [paid] = await reader
    .select({ sum: sql<number>`coalesce(sum(${withdrawals.amountCents}), 0)` })
    .from(withdrawals)
    .where(and(eq(withdrawals.userId, userId), eq(withdrawals.status, "paid")));
  const [open] = await reader
    .select()
    .from(withdrawals)
    .where(
      and(
        eq(withdrawals.userId, userId),
        inArray(withdrawals.status, [...OPEN_WITHDRAWAL_STATUSES]),
      ),
    );
  const payee = await payeeOf(userId);
  const rates = commissionRates();
  const recent = await entryRows(userId, { offset: 0, limit: 10 });
  return {
    pending_cents: pending,
    payable_cents: payable,
    reserved_cents: reserved,
    owed_back_cents: owedBack,
    paid_cents: Number(paid?.sum ?? 0),
    account: {
      verified: payee.verified,
      bound: payee.bound,
      alipay_account_masked: payee.accountMasked,
    },
    can_withdraw: Boolean(payee.payee) && !open && payable >= MIN_WITHDRAWAL_CENTS,
    open_withdrawal: open ? withdrawalAnswer(open) : null,
    rules: {
      min_withdrawal_cents: MIN_WITHDRAWAL_CENTS,
      auto_limit_cents: env().PAYOUT_AUTO_LIMIT_CENTS,
      landlord_share_percent: rates.landlordSharePercent,
      invite_reward_percent: rates.inviteRewardPercent,
      invite_reward_days: INVITE_REWARD_DAYS,
    },
    recent: recent.rows.map(entryAnswer),
  };
}

/** The earnings a user's invited friends brought: pending and settled, and how many fees. */
export async function inviteEarnings(userId: number) {
  return commissionTotals(userId, "invite_reward");
}

async function commissionTotals(userId: number, kind: "invite_reward" | "landlord_share") {
  const rows = await db()
    .select({
      status: commissions.status,
      sum: sql<number>`sum(${commissions.amountCents})`,
      count: sql<number>`count(*)`,
    })
    .from(commissions)
    .where(and(eq(commissions.userId, userId), eq(commissions.kind, kind)))
    .groupBy(commissions.status);
  const of = (status: string) => rows.find((row) => row.status === status);
  return {
    pending_cents: Number(of("pending")?.sum ?? 0),
    settled_cents: Number(of("payable")?.sum ?? 0),
    settled_count: Number(of("payable")?.count ?? 0),
  };
}

/** A landlord's share per listing: pending and settled cents, keyed by house id. */
export async function houseEarnings(userId: number) {
  const rows = await db()
    .select({
      houseId: commissions.houseId,
      pending: sql<number>`sum(case when ${commissions.status} = 'pending' then ${commissions.amountCents} else 0 end)`,
      settled: sql<number>`sum(case when ${commissions.status} = 'payable' then ${commissions.amountCents} else 0 end)`,
    })
    .from(commissions)
    .where(and(eq(commissions.userId, userId), eq(commissions.kind, "landlord_share")))
    .groupBy(commissions.houseId);
  return new Map(
    rows.map((row) => [
      row.houseId,
      { pendingCents: Number(row.pending ?? 0), settledCents: Number(row.settled ?? 0) },
    ]),
  );
}

function csvCell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  // Text starting with =, +, - or @ would run as a formula in spreadsheets; amounts stay numbers.
  const safe = /^[=+\-@]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function signedYuan(cents: number): string {
  return `${cents < 0 ? "-" : ""}${centsToYuan(Math.abs(cents))}`;
}

/** The month's statement (China time, `YYYY-MM`) as CSV: every commission and payout line. */
async function monthlyStatement(userId: number, month: string) {
  const [year, index] = month.split("-").map(Number);
  const range = chinaMonth(new Date(Date.UTC(year ?? 1970, (index ?? 1) - 1, 15)));
  const { rows } = await entryRows(userId, {
    offset: 0,
    limit: 100_000,
    from: range.start,
    to: range.end,
  });
  const lines = [["时间", "事项", "账户", "金额（元）", "来源", "比例（%）"].join(",")];
  for (const row of rows.reverse()) {
    const entry = entryAnswer(row);
    lines.push(
      [
        chinaDateTime(row.bookedAt),
        entry.kind_label,
        entry.account_label,
        signedYuan(entry.amount_cents),
        entry.source,
        entry.rate_percent,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  // The BOM lets spreadsheet programs read the file as UTF-8.
  return { filename: `zhizu-statement-${range.label}.csv`, csv: `\uFEFF${lines.join("\r\n")}\r\n` };
}

export async function withdraw(userId: number, amountCents: number) {
  return withdrawalAnswer(await requestWithdrawal(userId, amountCents));
}

export async function decide(input: Parameters<typeof decideWithdrawal>[0]) {
  return withdrawalAnswer(await decideWithdrawal(input));
}

export async function myWithdrawals(userId: number, page: { shift: number; count: number }) {
  const { total, rows } = await listWithdrawals(
    { userId },
    { offset: page.shift, limit: page.count },
  );
  return { total, withdrawals: rows.map(withdrawalAnswer) };
}

export async function adminWithdrawals(input: {
  status: WithdrawalStatus;
  shift: number;
  count: number;
}) {
  const { total, rows } = await listWithdrawals(
    { status: input.status },
    { offset: input.shift, limit: input.count },
  );
  const answers = [];
  for (const row of rows)
    answers.push({
      ...withdrawalAnswer(row),
      user_id: row.userId,
      payee_name: row.payeeName,
      month_total_cents: await withdrawnInMonth(db(), row.userId, row.requestedAt),
    });
  return { total, withdrawals: answers };
}

export async function statementResponse(userId: number, month: string): Promise<Response> {
  const { filename, csv } = await monthlyStatement(userId, month);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
    },
  });
}
