import "server-only";
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { and, count, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { changedRows } from "@/db";
import { phoneCodes, verifiedPhones } from "@/db/schema";
import { type WriteTx, writeTransaction } from "@/db/write";
import { ApiError, Status } from "@/lib/api/errors";
import { describeError, log } from "@/lib/log";
import { type SmsSender, smsSender } from "@/lib/phone/sms";
import { phoneCodeKey } from "@/lib/secrets";

export const PHONE_CODE_PURPOSES = ["profile", "viewing"] as const;
export type PhoneCodePurpose = (typeof PHONE_CODE_PURPOSES)[number];

export const CODE_TTL_MS = 5 * 60_000;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** Per number: one code a minute, ten a day. Per client address: thirty a day. */
export const LIMITS = { perNumberMinute: 1, perNumberDay: 10, perClientDay: 30 } as const;
/** Wrong guesses that void a code (10 codes × 5 guesses a day out of a million). */
export const MAX_WRONG_GUESSES = 5;

function keyedHash(...parts: string[]): string {
  return createHmac("sha256", phoneCodeKey()).update(parts.join("\n")).digest("base64url");
}

const telHash = (tel: string) => keyedHash("tel", tel);
const codeHash = (tel: string, purpose: string, code: string) =>
  keyedHash("code", tel, purpose, code);

async function sentSince(
  tx: WriteTx,
  column: typeof phoneCodes.telHash | typeof phoneCodes.clientHash,
  value: string,
  since: Date,
): Promise<number> {
  const row = await tx
    .select({ value: count() })
    .from(phoneCodes)
    .where(and(eq(column, value), gt(phoneCodes.createdAt, since)))
    .get();
  return row?.value ?? 0;
}

/**
 * /sms/send_code: creates a 6-digit code for `tel` and sends it. The limits are counted in the
 * database inside the same write transaction as the new code, so they hold across processes.
 * A provider failure is status 11; its code still counts towards the limits.
 */
export async function sendPhoneCode(input: {
  tel: string;
  purpose: PhoneCodePurpose;
  userId: number | null;
  clientAddress: string;
  now?: Date;
  sender?: SmsSender | null;
}): Promise<{ expires_in: number; resend_after: number }> {
  const now = input.now ?? new Date();
  const sender = input.sender === undefined ? smsSender() : input.sender;
  if (!sender) throw new ApiError(Status.paymentProvider, "短信服务未开通，暂时无法发送验证码");
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const tel = telHash(input.tel);
  const client = keyedHash("client", input.clientAddress);
  await writeTransaction(async (tx) => {
    const ago = (ms: number) => new Date(now.getTime() - ms);
    if (
      (await sentSince(tx, phoneCodes.telHash, tel, ago(MINUTE_MS))) >= LIMITS.perNumberMinute ||
      (await sentSince(tx, phoneCodes.telHash, tel, ago(DAY_MS))) >= LIMITS.perNumberDay ||
      (await sentSince(tx, phoneCodes.clientHash, client, ago(DAY_MS))) >= LIMITS.perClientDay
    )
      throw ApiError.rateLimited();
    await tx
      .insert(phoneCodes)
      .values({
        telHash: tel,
        purpose: input.purpose,
        codeHash: codeHash(input.tel, input.purpose, code),
        clientHash: client,
        userId: input.userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + CODE_TTL_MS),
      })
      .run();
  });
  try {
    await sender.send({ tel: input.tel, code, purpose: input.purpose });
  } catch (error) {
    log.error("phone.code_send_failed", { purpose: input.purpose, ...describeError(error) });
    throw new ApiError(Status.paymentProvider, "短信发送失败，请稍后再试");
  }
  log.info("phone.code_sent", { purpose: input.purpose, userId: input.userId });
  return { expires_in: CODE_TTL_MS / 1000, resend_after: MINUTE_MS / 1000 };
}

/** A wrong code. `writeWithPhoneCode` records the guess after the caller's rollback. */
class WrongPhoneCodeError extends ApiError {
  constructor(readonly codeId: number | null) {
    super(Status.badParam, "tel_code: 验证码错误或已失效，请重新获取", { field: "tel_code" });
  }
}

/**
 * Checks and consumes the latest live code for `tel` and `purpose` inside the caller's write
 * transaction, so the code is used exactly when the change it authorises is committed. Throws
 * `WrongPhoneCodeError` (status 2, field `tel_code`) for a wrong, expired, used or voided code.
 * A code bound to a user (sent while signed in) only works for that user.
 */
export async function consumePhoneCode(
  tx: WriteTx,
  input: { userId?: number; tel: string; purpose: PhoneCodePurpose; code: string; now: Date },
): Promise<void> {
  const latest = await tx
    .select()
    .from(phoneCodes)
    .where(
      and(
        eq(phoneCodes.telHash, telHash(input.tel)),
        eq(phoneCodes.purpose, input.purpose),
        isNull(phoneCodes.consumedAt),
        gt(phoneCodes.expiresAt, input.now),
        lt(phoneCodes.failedAttempts, MAX_WRONG_GUESSES),
      ),
    )
    .orderBy(desc(phoneCodes.id))
    .get();
  if (!latest || (latest.userId !== null && latest.userId !== input.userId))
    throw new WrongPhoneCodeError(null);
  const expected = Buffer.from(latest.codeHash);
  const given = Buffer.from(codeHash(input.tel, input.purpose, input.code));
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new WrongPhoneCodeError(latest.id);
  const consumed = await tx
    .update(phoneCodes)
    .set({ consumedAt: input.now })
    .where(and(eq(phoneCodes.id, latest.id), isNull(phoneCodes.consumedAt)))
    .run();
  if (changedRows(consumed) !== 1) throw new WrongPhoneCodeError(null);
}

/**
 * `writeTransaction` for work that calls `consumePhoneCode`: a wrong guess rolls the work back
 * and is then counted on the code in a transaction of its own, so guesses are limited.
 */
export async function writeWithPhoneCode<T>(work: (tx: WriteTx) => Promise<T> | T): Promise<T> {
  try {
    return await writeTransaction(work);
  } catch (error) {
    if (error instanceof WrongPhoneCodeError && error.codeId !== null) {
      const codeId = error.codeId;
      await writeTransaction((tx) =>
        tx
          .update(phoneCodes)
          .set({ failedAttempts: sql`${phoneCodes.failedAttempts} + 1` })
          .where(eq(phoneCodes.id, codeId))
          .run(),
      );
    }
    throw error;
  }
}

/** Records that the user proved `tel` (inside the transaction that consumed the code). */
export async function markPhoneVerified(
  tx: WriteTx,
  userId: number,
  tel: string,
  now: Date,
): Promise<void> {
  await tx
    .insert(verifiedPhones)
    .values({ userId, tel, verifiedAt: now })
    .onConflictDoUpdate({ target: verifiedPhones.userId, set: { tel, verifiedAt: now } })
    .run();
}
