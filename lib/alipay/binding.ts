import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { db } from "@/db";
import { alipayAuthStates, alipayBindings } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { AlipayUnavailableError, alipaySettings, callAlipay } from "@/lib/alipay/client";
import {
  alipayZhimaProvider,
  fetchScoreAfterBinding,
  type ZhimaProvider,
} from "@/lib/alipay/zhima";
import { encryptText, keyedHash } from "@/lib/crypto";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

// Binding a user's Alipay account (publicAppAuthorize): a random single-use state bound to the
// user (stored only as a keyed hash, 10-minute expiry) carries the user through Alipay's page; the
// callback exchanges auth_code via alipay.system.oauth.token and keeps the token encrypted.

const AUTH_STATE_TTL_MS = 10 * 60 * 1000;
const STATE_PURPOSE = "alipay-auth-state";
const BIND_RESULT_PATH = "/alipay";

export async function alipayAuthUrl(
  userId: number,
): Promise<{ result: "SUCCESS"; auth_url: string }> {
  const settings = alipaySettings();
  const state = randomBytes(32).toString("hex");
  await writeTransaction((tx) =>
    tx.insert(alipayAuthStates).values({
      stateHash: keyedHash(state, STATE_PURPOSE),
      userId,
      expiresAt: new Date(Date.now() + AUTH_STATE_TTL_MS),
    }),
  );
  const url = new URL(settings.authUrl);
  url.searchParams.set("app_id", settings.appId);
  url.searchParams.set("scope", settings.authScope);
  url.searchParams.set("redirect_uri", settings.authRedirectUrl);
  url.searchParams.set("state", state);
  return { result: "SUCCESS", auth_url: url.toString() };
}

type StateCheck =
  | { userId: number }
  | { reason: "state_missing" | "state_invalid" | "state_expired" | "state_used" };

/** Marks the state used (whatever happens next) and says whose it was, or why it is refused. */
async function consumeState(state: string): Promise<StateCheck> {
  if (!state) return { reason: "state_missing" };
  const stateHash = keyedHash(state, STATE_PURPOSE);
  const now = new Date();
  return writeTransaction(async (tx): Promise<StateCheck> => {
    const [claimed] = await tx
      .update(alipayAuthStates)
      .set({ usedAt: now })
      .where(
        and(
          eq(alipayAuthStates.stateHash, stateHash),
          isNull(alipayAuthStates.usedAt),
          gt(alipayAuthStates.expiresAt, now),
        ),
      )
      .returning({ userId: alipayAuthStates.userId });
    if (claimed) return { userId: claimed.userId };
    const [row] = await tx
      .select()
      .from(alipayAuthStates)
      .where(eq(alipayAuthStates.stateHash, stateHash));
    if (!row) return { reason: "state_invalid" };
    return { reason: row.usedAt ? "state_used" : "state_expired" };
  });
}

function resultRedirect(outcome: "ok" | "failed", reason?: string): Response {
  const url = new URL(BIND_RESULT_PATH, env().APP_URL);
  url.searchParams.set("bind", outcome);
  if (reason) url.searchParams.set("reason", reason);
  return new Response(null, {
    status: 302,
    headers: { location: url.toString(), "cache-control": "no-store" },
  });
}

async function exchangeAuthCode(code: string) {
  try {
    const result = await callAlipay("alipay.system.oauth.token", {
      grantType: "authorization_code",
      code,
    });
    const accessToken = typeof result.accessToken === "string" ? result.accessToken : "";
    const userId = typeof result.userId === "string" && result.userId ? result.userId : null;
    const openId = typeof result.openId === "string" && result.openId ? result.openId : null;
    if (!accessToken || (!userId && !openId)) return null;
    const expiresIn = Number(result.expiresIn);
    return {
      accessToken,
      userId,
      openId,
      expiresAt:
        Number.isFinite(expiresIn) && expiresIn > 0
          ? new Date(Date.now() + expiresIn * 1000)
          : null,
    };
  } catch (error) {
    if (error instanceof AlipayUnavailableError) return null;
    throw error;
  }
}

/** The browser's return from Alipay's authorize page; always ends in a redirect to the result page. */
export async function completeAlipayAuth(
  query: URLSearchParams,
  zhimaProvider: ZhimaProvider = alipayZhimaProvider,
): Promise<Response> {
  const check = await consumeState(query.get("state") ?? "");
  if ("reason" in check) return resultRedirect("failed", check.reason);
  const code = query.get("auth_code") ?? "";
  if (!code) return resultRedirect("failed", "denied");
  const token = await exchangeAuthCode(code);
  if (!token) {
    log.warn("alipay.bind_failed", { userId: check.userId });
    return resultRedirect("failed", "oauth");
  }
  const values = {
    alipayUserId: token.userId,
    alipayOpenId: token.openId,
    accessTokenEncrypted: encryptText(token.accessToken),
    accessTokenExpiresAt: token.expiresAt,
  };
  await writeTransaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(alipayBindings)
      .where(eq(alipayBindings.userId, check.userId));
    const sameAccount =
      existing?.alipayUserId === token.userId && existing?.alipayOpenId === token.openId;
    // A different Alipay account must not inherit the previous account's Zhima score.
    const zhima = sameAccount ? {} : { zhimaScore: null, zhimaScoreAt: null };
    await tx
      .insert(alipayBindings)
      .values({ userId: check.userId, ...values })
      .onConflictDoUpdate({ target: alipayBindings.userId, set: { ...values, ...zhima } });
  });
  log.info("alipay.bound", { userId: check.userId });
  await fetchScoreAfterBinding(check.userId, zhimaProvider);
  return resultRedirect("ok");
}

export async function alipayBindingStatus(userId: number): Promise<1 | -1> {
  const binding = await db().query.alipayBindings.findFirst({
    where: eq(alipayBindings.userId, userId),
  });
  return binding ? 1 : -1;
}
