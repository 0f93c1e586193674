import "server-only";
import { and, asc, desc, eq, gte, inArray, lt, notInArray, sql } from "drizzle-orm";
import { db } from "@/db";
import {
  alipayBindings,
  identityVerifications,
  OPEN_WITHDRAWAL_STATUSES,
  type Payout,
  type Withdrawal,
  type WithdrawalStatus,
  withdrawals,
} from "@/db/schema";
import { type WriteTx, writeTransaction } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import { type Clock, systemClock } from "@/lib/clock";
import { creditPayable, owed, post } from "@/lib/earnings/ledger";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { notify } from "@/lib/notifications/notify";
import { centsToYuan } from "@/lib/payments/money";
import { type PayoutRequest, sendPayout } from "@/lib/payments/payouts";

// Withdrawals (提现) of payable commissions to the user's bound Alipay account, in the verified
// real name (sent as the payee name, so Alipay refuses an account of someone else). Requesting
// reserves the amount; the `earnings:payouts` job step pays it through the existing transfer code
// with `WD-<withdrawal id>` as out_biz_no, so a retried pass never pays twice and an unknown
// outcome is settled by querying that number. A failed transfer or a rejection returns the amount.

export const MIN_WITHDRAWAL_CENTS = 1000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The calendar month (China time) containing `now`: [start, end). */
export function chinaMonth(now: Date): { start: Date; end: Date; label: string } {
  const local = new Date(now.getTime() + CHINA_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  return {
    start: new Date(Date.UTC(year, month, 1) - CHINA_OFFSET_MS),
    end: new Date(Date.UTC(year, month + 1, 1) - CHINA_OFFSET_MS),
    label: `${year}-${String(month + 1).padStart(2, "0")}`,
  };
}

export interface Payee {
  payeeType: PayoutRequest["payeeType"];
  payeeAccount: string;
  payeeName: string;
}

/** The bound Alipay account and the approved real name; null fields say what is missing. */
export async function payeeOf(userId: number): Promise<{
  payee: Payee | null;
  verified: boolean;
  bound: boolean;
  accountMasked: string | null;
}> {
  const [verification] = await db()
    .select({ realName: identityVerifications.realName })
    .from(identityVerifications)
    .where(
      and(eq(identityVerifications.userId, userId), eq(identityVerifications.status, "approved")),
    );
  const [binding] = await db()
    .select({ userId: alipayBindings.alipayUserId, openId: alipayBindings.alipayOpenId })
    .from(alipayBindings)
    .where(eq(alipayBindings.userId, userId));
  const account = binding?.userId ?? binding?.openId ?? null;
  const payee =
    verification && account
      ? {
          payeeType: binding?.userId ? ("ALIPAY_USER_ID" as const) : ("ALIPAY_OPEN_ID" as const),
          payeeAccount: account,
          payeeName: verification.realName,
        }
      : null;
  return {
    payee,
    verified: Boolean(verification),
    bound: Boolean(account),
    accountMasked: account ? maskAccount(account) : null,
  };
}

/** An Alipay user id or open id shown with its middle hidden. */
export function maskAccount(account: string): string {
  return account.length <= 8
    ? `${account.slice(0, 2)}****`
    : `${account.slice(0, 4)}****${account.slice(-4)}`;
}

/**
 * What a user has asked to withdraw in the China calendar month of `at` and not lost to a
 * failure or rejection: what the monthly automatic limit counts.
 */
export async function withdrawnInMonth(
  reader: Pick<WriteTx, "select">,
  userId: number,
  at: Date,
): Promise<number> {
  const month = chinaMonth(at);
  const [row] = await reader
    .select({ sum: sql<number>`coalesce(sum(${withdrawals.amountCents}), 0)` })
    .from(withdrawals)
    .where(
      and(
        eq(withdrawals.userId, userId),
        notInArray(withdrawals.status, ["failed", "rejected"]),
        gte(withdrawals.requestedAt, month.start),
        lt(withdrawals.requestedAt, month.end),
      ),
    );
  return Number(row?.sum ?? 0);
}

/** Requests a withdrawal of `amountCents` from the payable balance and reserves it. */
export async function requestWithdrawal(
  userId: number,
  amountCents: number,
  clock: Clock = systemClock,
): Promise<Withdrawal> {
  if (amountCents < MIN_WITHDRAWAL_CENTS)
    throw ApiError.badParam("amount", `最低提现 ${centsToYuan(MIN_WITHDRAWAL_CENTS)} 元`);
  const { payee, verified } = await payeeOf(userId);
  if (!verified) throw ApiError.conflict("请先完成实名认证，再申请提现");
  if (!payee) throw ApiError.conflict("请先绑定支付宝账号，再申请提现");
  const now = clock();
  const withdrawal = await writeTransaction(async (tx) => {
    const [open] = await tx
      .select({ id: withdrawals.id })
      .from(withdrawals)
      .where(
        and(
          eq(withdrawals.userId, userId),
          inArray(withdrawals.status, [...OPEN_WITHDRAWAL_STATUSES]),
        ),
      );
    if (open) throw ApiError.conflict("已有一笔提现正在处理，请等它完成后再申请", { id: open.id });
    const payable = await owed(tx, userId, "commission_payable");
    if (amountCents > payable)
      throw ApiError.conflict(`可提现金额不足（可提现 ${centsToYuan(payable)} 元）`, {
        payable_cents: payable,
      });
    const auto =
      (await withdrawnInMonth(tx, userId, now)) + amountCents <= env().PAYOUT_AUTO_LIMIT_CENTS;
    const [row] = await tx
      .insert(withdrawals)
      .values({
        userId,
        amountCents,
        status: auto ? "queued" : "awaiting_approval",
        ...payee,
        requestedAt: now,
      })
      .returning();
    if (!row) throw new Error("withdrawal not inserted");
    await post(tx, {
      eventKey: `withdrawal_requested:${row.id}`,
      kind: "withdrawal_requested",
      at: now,
      withdrawalId: row.id,
      memo: { auto },
      lines: [
        { account: "commission_payable", userId, amountCents },
        { account: "payout_reserved", userId, amountCents: -amountCents },
      ],
    });
    return row;
  });
  log.info("withdrawal.requested", { withdrawalId: withdrawal.id, status: withdrawal.status });
  return withdrawal;
}

/** Moves a withdrawal from one of `from` to `to`; the updated row, or null if it had moved. */
async function transition(
  tx: WriteTx,
  id: number,
  from: readonly WithdrawalStatus[],
  values: Partial<Withdrawal> & { status: WithdrawalStatus },
): Promise<Withdrawal | null> {
  const [row] = await tx
    .update(withdrawals)
    .set(values)
    .where(and(eq(withdrawals.id, id), inArray(withdrawals.status, [...from])))
    .returning();
  return row ?? null;
}

/** The reserved amount goes back to the user (owed-back netted first), with the reason. */
async function release(
  tx: WriteTx,
  row: Withdrawal,
  status: "failed" | "rejected",
  reason: string,
  at: Date,
): Promise<void> {
  await post(tx, {
    eventKey: `withdrawal_failed:${row.id}`,
    kind: "withdrawal_failed",
    at,
    withdrawalId: row.id,
    payoutId: row.payoutId,
    memo: { status, reason },
    lines: [
      { account: "payout_reserved", userId: row.userId, amountCents: row.amountCents },
      ...(await creditPayable(tx, row.userId, row.amountCents)),
    ],
  });
  await notify(tx, {
    userId: row.userId,
    kind: "withdrawal_failed",
    eventKey: `withdrawal_failed:${row.id}`,
    payload: {
      title: "提现未成功",
      body: `¥${centsToYuan(row.amountCents)} 已退回可提现余额：${reason}`,
      amount: centsToYuan(row.amountCents),
      reason,
    },
    link: "/wallet",
    now: at,
  });
}

/** An admin approves (the job pays it) or rejects (the amount returns) a withdrawal. */
export async function decideWithdrawal(input: {
  id: number;
  decision: "approve" | "reject";
  reason?: string;
  adminId: number;
  clock?: Clock;
}): Promise<Withdrawal> {
  const now = (input.clock ?? systemClock)();
  const decided = { decidedBy: input.adminId, decidedAt: now };
  return writeTransaction(async (tx) => {
    if (input.decision === "approve") {
      const row = await transition(tx, input.id, ["awaiting_approval"], {
        status: "queued",
        ...decided,
      });
      if (row) return row;
    } else {
      const reason = input.reason?.trim() || "审核未通过";
      const row = await transition(tx, input.id, ["awaiting_approval"], {
        status: "rejected",
        reason,
        settledAt: now,
        ...decided,
      });
      if (row) {
        await release(tx, row, "rejected", reason, now);
        return row;
      }
    }
    const [current] = await tx.select().from(withdrawals).where(eq(withdrawals.id, input.id));
    if (!current) throw ApiError.notFound("提现申请");
    throw ApiError.conflict("这笔提现不在待审核状态", { status: current.status });
  });
}

/** Records a transfer's final outcome on its withdrawal, in the payout's own transaction. */
async function settleWithdrawal(tx: WriteTx, id: number, payout: Payout, at: Date) {
  if (payout.status === "success") {
    const row = await transition(tx, id, ["sending"], {
      status: "paid",
      payoutId: payout.id,
      settledAt: at,
    });
    if (!row) return;
    await post(tx, {
      eventKey: `withdrawal_paid:${row.id}`,
      kind: "withdrawal_paid",
      at,
      withdrawalId: row.id,
      payoutId: payout.id,
      memo: { alipay_order_id: payout.alipayOrderId },
      lines: [
        { account: "payout_reserved", userId: row.userId, amountCents: row.amountCents },
        { account: "provider_funds", amountCents: -row.amountCents },
      ],
    });
    await notify(tx, {
      userId: row.userId,
      kind: "withdrawal_paid",
      eventKey: `withdrawal_paid:${row.id}`,
      payload: {
        title: "提现已到账",
        body: `¥${centsToYuan(row.amountCents)} 已转入你的支付宝`,
        amount: centsToYuan(row.amountCents),
      },
      link: "/wallet",
      now: at,
    });
    return;
  }
  const reason = payout.resultMessage ?? "转账失败";
  const row = await transition(tx, id, ["sending"], {
    status: "failed",
    payoutId: payout.id,
    reason,
    settledAt: at,
  });
  if (row) await release(tx, row, "failed", reason, at);
}

export function withdrawalOutBizNo(id: number): string {
  return `WD-${id}`;
}

/**
 * Takes one queued or sending withdrawal a step further: queued → sending, then the transfer
 * (sent once; an earlier unknown outcome is queried first). Safe to repeat.
 */
async function advanceWithdrawal(id: number, clock: Clock = systemClock) {
  const started = await writeTransaction((tx) =>
    transition(tx, id, ["queued"], { status: "sending" }),
  );
  const [row] = started
    ? [started]
    : await db().select().from(withdrawals).where(eq(withdrawals.id, id));
  if (row?.status !== "sending") return row?.status ?? "missing";
  try {
    const payout = await sendPayout(
      {
        outBizNo: withdrawalOutBizNo(row.id),
        payeeType: row.payeeType as PayoutRequest["payeeType"],
        payeeAccount: row.payeeAccount,
        payeeName: row.payeeName,
        amountCents: row.amountCents,
        remark: "直租收益提现",
      },
      row.decidedBy,
      {
        withdrawalId: row.id,
        onSettled: (tx, settled) => settleWithdrawal(tx, row.id, settled, clock()),
      },
    );
    if (payout.status === "pending" || payout.status === "unknown") return "unknown";
    // Normally booked with the outcome already; this only catches a withdrawal left behind.
    await writeTransaction((tx) => settleWithdrawal(tx, row.id, payout, clock()));
    return payout.status === "success" ? "paid" : "failed";
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // The out_biz_no is taken by a manual transfer with other details: this withdrawal cannot
    // be sent under its number, so the amount goes back.
    await writeTransaction(async (tx) => {
      const failed = await transition(tx, row.id, ["sending"], {
        status: "failed",
        reason: "转账单号冲突，请重新申请",
        settledAt: clock(),
      });
      if (failed) await release(tx, failed, "failed", "转账单号冲突，请重新申请", clock());
    });
    return "failed";
  }
}

/** The job step's work: every queued or sending withdrawal, oldest first. */
export async function payWithdrawals(clock: Clock = systemClock, limit = 50) {
  const due = await db()
    .select({ id: withdrawals.id })
    .from(withdrawals)
    .where(inArray(withdrawals.status, ["queued", "sending"]))
    .orderBy(asc(withdrawals.id))
    .limit(limit);
  const summary = { checked: due.length, paid: 0, failed: 0, unknown: 0 };
  for (const { id } of due) {
    const outcome = await advanceWithdrawal(id, clock);
    if (outcome === "paid" || outcome === "failed" || outcome === "unknown") summary[outcome] += 1;
  }
  return summary;
}

export async function listWithdrawals(
  filter: { userId?: number; status?: WithdrawalStatus },
  page: { offset: number; limit: number },
) {
  const where = and(
    filter.userId !== undefined ? eq(withdrawals.userId, filter.userId) : undefined,
    filter.status !== undefined ? eq(withdrawals.status, filter.status) : undefined,
  );
  const rows = await db()
    .select()
    .from(withdrawals)
    .where(where)
    .orderBy(desc(withdrawals.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db()
    .select({ count: sql<number>`count(*)` })
    .from(withdrawals)
    .where(where);
  return { total: Number(total?.count ?? 0), rows };
}
