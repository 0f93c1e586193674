import "server-only";
import { z } from "zod";
import { ledgerEventKinds, withdrawalStatuses } from "@/db/schema";

// The API contract of /api/wallet/* and /api/admin/withdrawal*. Amounts are integer cents.

const cents = z.number().int();

const walletEntryAnswer = z.object({
  id: z.number().int(),
  kind: z.enum(ledgerEventKinds),
  kind_label: z.string(),
  account: z.enum(["commission_pending", "commission_payable", "payout_reserved", "owed_back"]),
  account_label: z.string(),
  amount_cents: cents.describe("from the user's side: + owed to them more, − less"),
  rate_percent: z.number().int().nullable().describe("the commission rate in force"),
  source_type: z.enum(["listing", "friend", "withdrawal", "other"]),
  source: z.string().describe("来源: the listing's title, the invited friend, the withdrawal"),
  house_id: z.number().int().nullable(),
  booked_at: z.iso.datetime(),
});

export const withdrawalAnswer = z.object({
  id: z.number().int(),
  amount_cents: cents,
  status: z.enum(withdrawalStatuses),
  reason: z.string().nullable().describe("why it failed or was rejected"),
  payee_account_masked: z.string(),
  requested_at: z.iso.datetime(),
  settled_at: z.iso.datetime().nullable(),
});

export const walletAnswer = z.object({
  pending_cents: cents.describe("commissions of viewings not settled yet"),
  payable_cents: cents.describe("withdrawable"),
  reserved_cents: cents.describe("in a withdrawal being paid"),
  owed_back_cents: cents.describe("reversed beyond what was owed; netted against new commissions"),
  paid_cents: cents.describe("paid out to date"),
  account: z.object({
    verified: z.boolean().describe("real-name verification approved"),
    bound: z.boolean().describe("an Alipay account is bound"),
    alipay_account_masked: z.string().nullable(),
  }),
  can_withdraw: z.boolean(),
  open_withdrawal: withdrawalAnswer.nullable(),
  rules: z.object({
    min_withdrawal_cents: cents,
    auto_limit_cents: cents.describe("paid without review per calendar month"),
    landlord_share_percent: z.number().int(),
    invite_reward_percent: z.number().int(),
    invite_reward_days: z.number().int(),
  }),
  recent: z.array(walletEntryAnswer),
});

export const walletEntriesAnswer = z.object({
  total: z.number().int(),
  entries: z.array(walletEntryAnswer),
});

export const withdrawalListAnswer = z.object({
  total: z.number().int(),
  withdrawals: z.array(withdrawalAnswer),
});

export const adminWithdrawalListAnswer = z.object({
  total: z.number().int(),
  withdrawals: z.array(
    withdrawalAnswer.extend({
      user_id: z.number().int(),
      payee_name: z.string().describe("the verified real name sent to Alipay"),
      month_total_cents: cents.describe("the user's withdrawals this month, this one included"),
    }),
  ),
});
