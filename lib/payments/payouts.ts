import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { type Payout, payouts } from "@/db/schema";
import { type WriteTx, writeTransaction } from "@/db/write";
import { AlipayUnavailableError, callAlipay, isAlipaySuccess } from "@/lib/alipay/client";
import { ApiError } from "@/lib/api/errors";
import type { CurrentUser } from "@/lib/auth/current-user";
import { bookPlatformPayout } from "@/lib/earnings/payout-entries";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { centsToYuan } from "@/lib/payments/money";

// Company-to-person transfers (alipay.fund.trans.uni.transfer). order_id is Alipay's out_biz_no
// and our idempotency key: the ledger row is written before Alipay is called, a repeated call
// returns the first result, and an unknown outcome is settled by querying the same out_biz_no —
// a transfer is never re-sent under a new number.

export const PAYEE_TYPES = {
  ALIPAY_USERID: "ALIPAY_USER_ID",
  ALIPAY_USER_ID: "ALIPAY_USER_ID",
  ALIPAY_LOGONID: "ALIPAY_LOGON_ID",
  ALIPAY_LOGON_ID: "ALIPAY_LOGON_ID",
  ALIPAY_OPENID: "ALIPAY_OPEN_ID",
  ALIPAY_OPEN_ID: "ALIPAY_OPEN_ID",
} as const;

export interface PayoutRequest {
  outBizNo: string;
  payeeType: (typeof PAYEE_TYPES)[keyof typeof PAYEE_TYPES];
  payeeAccount: string;
  payeeName: string | undefined;
  amountCents: number;
  remark: string;
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** Who sent a manual transfer: an admin, or a trusted server with the internal key. */
export interface PayoutSender {
  userId: number | null;
  via: "admin" | "internal_key";
}

/** Admins, or a trusted server presenting X-Internal-Key (compared in constant time). */
export function authorizePayout(request: Request, user: CurrentUser | null): PayoutSender {
  const presented = request.headers.get("x-internal-key");
  if (presented !== null) {
    const expected = env().INTERNAL_API_KEY;
    if (!expected || !timingSafeEqual(digest(presented), digest(expected)))
      throw ApiError.forbidden("内部接口密钥无效");
    return { userId: user?.id ?? null, via: "internal_key" };
  }
  if (!user) throw ApiError.notLoggedIn();
  if (user.role !== "admin") throw ApiError.forbidden("仅管理员可发起转账");
  return { userId: user.id, via: "admin" };
}

export interface PayoutOptions {
  /** The withdrawal this transfer pays out (null for a manual transfer). */
  withdrawalId?: number;
  /** Runs in the transaction that records a final outcome (success or failed), once. */
  onSettled?: (tx: WriteTx, payout: Payout) => Promise<void>;
}

type Settled = Pick<Payout, "status" | "alipayOrderId" | "resultMessage">;

function fromTransferResult(result: Record<string, unknown>): Settled {
  if (isAlipaySuccess(result as { code: string; msg: string })) {
    const orderId = typeof result.orderId === "string" ? result.orderId : null;
    if (result.status === "SUCCESS")
      return { status: "success", alipayOrderId: orderId, resultMessage: null };
    if (result.status === "FAIL" || result.status === "CLOSED")
      return {
        status: "failed",
        alipayOrderId: orderId,
        resultMessage: String(result.failReason ?? "转账失败"),
      };
    return { status: "unknown", alipayOrderId: orderId, resultMessage: "处理中" };
  }
  // 40004 is a definitive business refusal; system errors (20000…) leave the outcome open.
  if (result.code === "40004" || result.code === "40002")
    return {
      status: "failed",
      alipayOrderId: null,
      resultMessage: String(result.subMsg ?? result.msg ?? "转账失败"),
    };
  return {
    status: "unknown",
    alipayOrderId: null,
    resultMessage: String(result.subMsg ?? "结果未知"),
  };
}

async function sendTransfer(row: Payout): Promise<Settled> {
  try {
    const result = await callAlipay("alipay.fund.trans.uni.transfer", {
      bizContent: {
        out_biz_no: row.outBizNo,
        trans_amount: centsToYuan(row.amountCents),
        product_code: "TRANS_ACCOUNT_NO_PWD",
        biz_scene: "DIRECT_TRANSFER",
        order_title: row.remark ?? "请收款",
        remark: row.remark ?? "请收款",
        payee_info: {
          identity: row.payeeAccount,
          identity_type: row.payeeType,
          ...(row.payeeName ? { name: row.payeeName } : {}),
        },
      },
    });
    return fromTransferResult(result);
  } catch (error) {
    if (error instanceof AlipayUnavailableError)
      return { status: "unknown", alipayOrderId: null, resultMessage: "请求超时或无响应" };
    throw error;
  }
}

/** Asks Alipay what became of this out_biz_no; null when Alipay has no such transfer. */
async function queryTransfer(row: Payout): Promise<Settled | null> {
  try {
    const result = await callAlipay("alipay.fund.trans.common.query", {
      bizContent: {
        out_biz_no: row.outBizNo,
        product_code: "TRANS_ACCOUNT_NO_PWD",
        biz_scene: "DIRECT_TRANSFER",
      },
    });
    if (result.subCode === "ORDER_NOT_EXIST") return null;
    if (!isAlipaySuccess(result))
      return { status: "unknown", alipayOrderId: null, resultMessage: "查询失败" };
    return fromTransferResult(result);
  } catch (error) {
    if (error instanceof AlipayUnavailableError)
      return { status: "unknown", alipayOrderId: null, resultMessage: "查询超时或无响应" };
    throw error;
  }
}

async function record(
  row: Payout,
  settled: Settled,
  onSettled: PayoutOptions["onSettled"],
): Promise<Payout> {
  const updated = await writeTransaction(async (tx) => {
    const [changed] = await tx
      .update(payouts)
      .set(settled)
      .where(and(eq(payouts.id, row.id), inArray(payouts.status, ["pending", "unknown"])))
      .returning();
    if (changed && (changed.status === "success" || changed.status === "failed"))
      await onSettled?.(tx, changed);
    return changed;
  });
  if (updated) return updated;
  // Someone settled it meanwhile: theirs is the first result.
  return (await db().query.payouts.findFirst({ where: eq(payouts.id, row.id) })) ?? row;
}

function sameRequest(row: Payout, input: PayoutRequest, withdrawalId: number | null): boolean {
  return (
    row.withdrawalId === withdrawalId &&
    row.payeeType === input.payeeType &&
    row.payeeAccount === input.payeeAccount &&
    (row.payeeName ?? undefined) === input.payeeName &&
    row.amountCents === input.amountCents
  );
}

/** A manual transfer (`pay_to_customer`), booked as a platform expense with who sent it. */
export function payToCustomer(input: PayoutRequest, sender: PayoutSender): Promise<Payout> {
  return sendPayout(input, sender.userId, {
    onSettled: (tx, payout) => bookPlatformPayout(tx, payout, sender),
  });
}

/**
 * Sends a transfer once per out_biz_no (see above); `options.onSettled` books its final outcome
 * in the same transaction that records it.
 */
export async function sendPayout(
  input: PayoutRequest,
  requestedBy: number | null,
  options: PayoutOptions = {},
): Promise<Payout> {
  const withdrawalId = options.withdrawalId ?? null;
  const [created] = await writeTransaction((tx) =>
    tx
      .insert(payouts)
      .values({
        outBizNo: input.outBizNo,
        payeeType: input.payeeType,
        payeeAccount: input.payeeAccount,
        payeeName: input.payeeName ?? null,
        amountCents: input.amountCents,
        remark: input.remark,
        requestedBy,
        withdrawalId,
      })
      .onConflictDoNothing()
      .returning(),
  );
  const row =
    created ??
    (await db().query.payouts.findFirst({ where: eq(payouts.outBizNo, input.outBizNo) }));
  if (!row) throw new Error("payout row missing after insert");
  if (!sameRequest(row, input, withdrawalId))
    throw ApiError.conflict("该 order_id 已用于另一笔不同的转账", { order_id: input.outBizNo });
  if (row.status === "success" || row.status === "failed") return row;

  let settled: Settled;
  if (created) {
    settled = await sendTransfer(row);
    if (settled.status === "unknown") settled = (await queryTransfer(row)) ?? settled;
  } else {
    // An earlier call did not finish: find out what Alipay did with this out_biz_no. If Alipay
    // never saw it, sending it again is safe — Alipay deduplicates on the same out_biz_no.
    settled = (await queryTransfer(row)) ?? (await sendTransfer(row));
  }
  const stored = await record(row, settled, options.onSettled);
  log.info("payout.settled", { payoutId: stored.id, status: stored.status });
  return stored;
}
