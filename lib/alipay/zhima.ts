import "server-only";
import { eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { alipayBindings } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { AlipayUnavailableError, callAlipay, isAlipaySuccess } from "@/lib/alipay/client";
import { randomToken } from "@/lib/alipay/ids";
import { ApiError, Status } from "@/lib/api/errors";
import { chinaDateStamp } from "@/lib/china-time";
import { decryptText } from "@/lib/crypto";
import { describeError, log } from "@/lib/log";

// The Zhima credit score. zhima.credit.score.get is a legacy Alipay product that may be replaced
// (芝麻免押 / 信用服务), so callers depend on the ZhimaProvider interface, not on the method.

class ZhimaRefusedError extends Error {}

export interface ZhimaProvider {
  /** The current score for the user behind this access token; throws ZhimaRefusedError. */
  creditScore(accessToken: string): Promise<number>;
}

export const alipayZhimaProvider: ZhimaProvider = {
  async creditScore(accessToken) {
    const result = await callAlipay("zhima.credit.score.get", {
      authToken: accessToken,
      bizContent: {
        // Alipay requires a unique id per call (the legacy one was constant all day).
        transaction_id: `${chinaDateStamp()}${randomToken(16)}`,
        product_code: "w1010100100000000001",
      },
    });
    const score = Number(result.zmScore);
    if (!isAlipaySuccess(result) || !Number.isInteger(score) || score <= 0)
      throw new ZhimaRefusedError(String(result.subMsg ?? result.msg ?? "zhima refused"));
    return score;
  },
};

export type RefreshMode = "N" | "Y" | "AUTO";

async function bindingOf(userId: number) {
  return db().query.alipayBindings.findFirst({ where: eq(alipayBindings.userId, userId) });
}

async function refreshScore(userId: number, provider: ZhimaProvider): Promise<number> {
  const binding = await bindingOf(userId);
  if (!binding) throw ApiError.conflict("请先绑定支付宝", -1);
  if (binding.accessTokenExpiresAt && binding.accessTokenExpiresAt <= new Date())
    throw ApiError.conflict("支付宝授权已过期，请重新绑定", -1);
  let score: number;
  try {
    score = await provider.creditScore(decryptText(binding.accessTokenEncrypted));
  } catch (error) {
    if (error instanceof ZhimaRefusedError)
      throw new ApiError(Status.paymentProvider, "芝麻分获取失败，请确认已授权芝麻信用", -1);
    if (error instanceof AlipayUnavailableError)
      throw new ApiError(Status.paymentProvider, "支付宝服务暂时不可用，请稍后再试", -1);
    throw error;
  }
  await writeTransaction((tx) =>
    tx
      .update(alipayBindings)
      .set({ zhimaScore: score, zhimaScoreAt: new Date() })
      .where(eq(alipayBindings.userId, userId)),
  );
  return score;
}

/**
 * Legacy /payment/ali/zhima: N = cache only (-1 when there is none: how clients detect a first
 * call), Y = always ask Alipay, AUTO = cache, else ask. The score is returned as a string.
 */
export async function zhimaScore(
  userId: number,
  mode: RefreshMode,
  provider: ZhimaProvider = alipayZhimaProvider,
): Promise<string | -1> {
  if (mode !== "Y") {
    const cached = (await bindingOf(userId))?.zhimaScore;
    if (cached && cached > 0) return String(cached);
    if (mode === "N") return -1;
  }
  return String(await refreshScore(userId, provider));
}

/**
 * Right after the user authorised Alipay (the bind return): fetch the score once, so no separate
 * tap is needed. A refusal (the product may be closed to new apps) is logged, never an error for
 * the binding.
 */
export async function fetchScoreAfterBinding(
  userId: number,
  provider: ZhimaProvider = alipayZhimaProvider,
): Promise<number | null> {
  try {
    return await refreshScore(userId, provider);
  } catch (error) {
    log.warn("alipay.zhima_after_binding_failed", { userId, ...describeError(error) });
    return null;
  }
}

/** Band width of what a landlord sees: "650+" rather than the score. */
const ZHIMA_BAND = 50;

/** A score as the band a landlord may see ("650+"), or null without a score. */
export function zhimaBand(score: number | null | undefined): string | null {
  if (!score || score <= 0) return null;
  return `${Math.floor(score / ZHIMA_BAND) * ZHIMA_BAND}+`;
}

/** Users' cached scores, for bands on the landlord's side of viewing requests. */
export async function cachedScores(userIds: number[]): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db()
    .select({ userId: alipayBindings.userId, score: alipayBindings.zhimaScore })
    .from(alipayBindings)
    .where(inArray(alipayBindings.userId, userIds))
    .all();
  return new Map(rows.flatMap((row) => (row.score ? [[row.userId, row.score]] : [])));
}

export async function zhimaDetail(userId: number) {
  const binding = await bindingOf(userId);
  return {
    bound: Boolean(binding),
    score: binding?.zhimaScore ?? null,
    updated_at: binding?.zhimaScoreAt?.toISOString() ?? null,
  };
}
