import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { houses } from "./houses";
import { paymentAttempts, viewingRequests } from "./payments";
import { users } from "./users";

/**
 * Ledger accounts. Platform accounts have no user; the others are kept per user.
 * provider_funds: the platform's money at Alipay / WeChat Pay · fees_unearned: fees paid for
 * viewings not settled yet (refundable) · fee_income: settled fees · fees_refunded: refunds of
 * settled fees · commission_expense: commissions the platform granted · payout_expense: manual
 * transfers (`pay_to_customer`) · commission_pending / commission_payable / payout_reserved:
 * what the platform owes a user (before settlement / withdrawable / in a withdrawal) ·
 * owed_back: what a user owes the platform after a reversal larger than what was owed.
 */
export const ledgerAccounts = [
  "provider_funds",
  "fees_unearned",
  "fee_income",
  "fees_refunded",
  "commission_expense",
  "payout_expense",
  "commission_pending",
  "commission_payable",
  "payout_reserved",
  "owed_back",
] as const;
export type LedgerAccount = (typeof ledgerAccounts)[number];

export const ledgerEventKinds = [
  "fee_paid",
  "commission_earned",
  "fee_settled",
  "refund",
  "withdrawal_requested",
  "withdrawal_paid",
  "withdrawal_failed",
  "platform_payout",
] as const;
export type LedgerEventKind = (typeof ledgerEventKinds)[number];

/** One money event: its entries sum to zero, and its event key books it at most once. */
export const ledgerEntrySets = sqliteTable(
  "ledger_entry_sets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventKey: text("event_key").notNull(),
    kind: text("kind", { enum: ledgerEventKinds }).notNull(),
    viewingRequestId: integer("viewing_request_id").references(() => viewingRequests.id),
    paymentAttemptId: integer("payment_attempt_id").references(() => paymentAttempts.id),
    refundId: integer("refund_id"),
    withdrawalId: integer("withdrawal_id"),
    payoutId: integer("payout_id"),
    /** JSON: the rates in force, who sent a manual payout, a failure reason. */
    memo: text("memo").notNull().default("{}"),
    bookedAt: integer("booked_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("ledger_entry_sets_event_unique").on(t.eventKey),
    index("ledger_entry_sets_request_idx").on(t.viewingRequestId),
    index("ledger_entry_sets_kind_idx").on(t.kind, t.bookedAt),
  ],
);

/** Integer cents, debit positive, credit negative. */
export const ledgerEntries = sqliteTable(
  "ledger_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entrySetId: integer("entry_set_id")
      .notNull()
      .references(() => ledgerEntrySets.id),
    account: text("account", { enum: ledgerAccounts }).notNull(),
    userId: integer("user_id").references(() => users.id),
    amountCents: integer("amount_cents").notNull(),
    commissionId: integer("commission_id").references(() => commissions.id),
    /** The commission rate in force when the line was booked (commission lines only). */
    ratePercent: integer("rate_percent"),
    bookedAt: integer("booked_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("ledger_entries_set_idx").on(t.entrySetId),
    index("ledger_entries_user_idx").on(t.userId, t.account, t.bookedAt),
    check("ledger_entries_amount_nonzero", sql`${t.amountCents} <> 0`),
    check(
      "ledger_entries_user_account",
      sql`(${t.userId} is null) = (${t.account} in ('provider_funds', 'fees_unearned', 'fee_income', 'fees_refunded', 'commission_expense', 'payout_expense'))`,
    ),
  ],
);

/**
 * A commission the platform owes for one viewing fee: the landlord's share or the inviter's
 * reward. pending (fee paid) → payable (settled at status 3) | cancelled (refunded before);
 * payable → reversed (refunded after settlement).
 */
export const commissions = sqliteTable(
  "commissions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: ["landlord_share", "invite_reward"] }).notNull(),
    viewingRequestId: integer("viewing_request_id")
      .notNull()
      .references(() => viewingRequests.id),
    paymentAttemptId: integer("payment_attempt_id")
      .notNull()
      .references(() => paymentAttempts.id),
    houseId: integer("house_id")
      .notNull()
      .references(() => houses.id),
    /** The paying tenant (for an invite reward: the invited friend). */
    tenantId: integer("tenant_id")
      .notNull()
      .references(() => users.id),
    feeCents: integer("fee_cents").notNull(),
    ratePercent: integer("rate_percent").notNull(),
    amountCents: integer("amount_cents").notNull(),
    status: text("status", { enum: ["pending", "payable", "cancelled", "reversed"] })
      .notNull()
      .default("pending"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("commissions_request_kind_unique").on(t.viewingRequestId, t.kind),
    index("commissions_user_idx").on(t.userId, t.status),
    check("commissions_amount_positive", sql`${t.amountCents} > 0`),
  ],
);

export const withdrawalStatuses = [
  "awaiting_approval",
  "queued",
  "sending",
  "paid",
  "failed",
  "rejected",
] as const;
export type WithdrawalStatus = (typeof withdrawalStatuses)[number];
export const OPEN_WITHDRAWAL_STATUSES = ["awaiting_approval", "queued", "sending"] as const;

/**
 * A withdrawal (提现) of payable commissions to the user's bound Alipay account. Its id is the
 * idempotency key of the transfer (out_biz_no `WD-<id>`).
 * awaiting_approval (above the monthly automatic limit) → queued | rejected;
 * queued → sending (the payout job) → paid | failed (the amount returns to payable).
 */
export const withdrawals = sqliteTable(
  "withdrawals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    amountCents: integer("amount_cents").notNull(),
    status: text("status", { enum: withdrawalStatuses }).notNull(),
    payeeType: text("payee_type").notNull(),
    payeeAccount: text("payee_account").notNull(),
    payeeName: text("payee_name").notNull(),
    /** Why it failed or was rejected, shown to the user. */
    reason: text("reason"),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    payoutId: integer("payout_id"),
    requestedAt: integer("requested_at", { mode: "timestamp_ms" }).notNull(),
    settledAt: integer("settled_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One open withdrawal per user.
    uniqueIndex("withdrawals_open_unique")
      .on(t.userId)
      .where(sql`${t.status} in ('awaiting_approval', 'queued', 'sending')`),
    index("withdrawals_status_idx").on(t.status, t.requestedAt),
    index("withdrawals_user_idx").on(t.userId, t.requestedAt),
    check("withdrawals_amount_min", sql`${t.amountCents} >= 1000`),
  ],
);

export type LedgerEntrySet = typeof ledgerEntrySets.$inferSelect;
export type LedgerEntry = typeof ledgerEntries.$inferSelect;
export type Commission = typeof commissions.$inferSelect;
export type Withdrawal = typeof withdrawals.$inferSelect;
