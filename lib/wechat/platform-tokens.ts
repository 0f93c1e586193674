import "server-only";
import { and, eq, isNull, lte, or } from "drizzle-orm";
import { db } from "@/db";
import { wechatPlatformTokens } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { ApiError, Status } from "@/lib/api/errors";
import { decryptText, encryptText } from "@/lib/crypto";
import { env, isSandbox } from "@/lib/env";
import { log } from "@/lib/log";
import { callWechatApi, WechatUnreachableError, wechatErrcode } from "@/lib/wechat/api";

// WeChat's access token and jsapi_ticket live in `wechat_platform_tokens`, read by every process.
// Only the process that claims a row (a guarded UPDATE of refresh_claimed_until) calls WeChat;
// others use the still-valid stored value or wait briefly for the claimant's result. WeChat's
// limits: stable_token 10,000 calls a minute and 500,000 a day (force_refresh only 20 a day, so
// it is never used); the ticket's quota is small. A failed fetch backs off, longer on 45009.

type TokenKind = "access_token" | "jsapi_ticket";

/** Readers refresh this long before expiry; stable_token starts rotating 5 minutes early. */
const READER_REFRESH_AHEAD_MS = 5 * 60_000;
/** The job step refreshes earlier, so readers normally never call WeChat themselves. */
const JOB_REFRESH_AHEAD_MS = 10 * 60_000;
/** Longer than one WeChat call (8 s timeout); a crashed claimant's lease simply runs out. */
const CLAIM_MS = 20_000;
const WAIT_FOR_CLAIMANT_MS = 3000;
const POLL_MS = 100;
const MAX_BACKOFF_MS = 10 * 60_000;

/** In sandbox mode without WeChat settings, the JS-SDK code path runs on these stand-ins. */
export const SANDBOX_JSSDK_APP_ID = "wx-sandbox-jssdk";
export const SANDBOX_JSAPI_TICKET = "sandbox-jsapi-ticket";

const unavailable = () => new ApiError(Status.paymentProvider, "微信接口暂时不可用，请稍后重试");

interface Fetched {
  value: string;
  expiresInSeconds: number;
}

class WechatTokenError extends Error {
  constructor(readonly errcode: number) {
    super(`wechat errcode ${errcode}`);
  }
}

function officialAccount(): { appid: string; secret: string } | null {
  const { WECHAT_APP_ID: appid, WECHAT_APP_SECRET: secret } = env();
  return appid && secret ? { appid, secret } : null;
}

function fetched(answer: Record<string, unknown>, field: string): Fetched {
  const errcode = wechatErrcode(answer);
  const value = answer[field];
  const expiresIn = Number(answer.expires_in);
  if (errcode !== 0 || typeof value !== "string" || !value || !(expiresIn > 0)) {
    throw new WechatTokenError(errcode || -1);
  }
  return { value, expiresInSeconds: expiresIn };
}

async function fetchAccessToken(app: { appid: string; secret: string }): Promise<Fetched> {
  const answer = await callWechatApi("/cgi-bin/stable_token", {
    body: {
      grant_type: "client_credential",
      appid: app.appid,
      secret: app.secret,
      force_refresh: false,
    },
  });
  return fetched(answer, "access_token");
}

async function fetchJsapiTicket(now: Date): Promise<Fetched> {
  const accessToken = await wechatAccessToken(now);
  const answer = await callWechatApi("/cgi-bin/ticket/getticket", {
    query: { access_token: accessToken, type: "jsapi" },
  });
  const errcode = wechatErrcode(answer);
  // The stored access token was invalidated (someone fetched one elsewhere, or it expired):
  // mark it due, so the next reader fetches a fresh one.
  if (errcode === 40001 || errcode === 40014 || errcode === 42001)
    await markDue("access_token", now);
  return fetched(answer, "ticket");
}

const rowWhere = (kind: TokenKind, appid: string) =>
  and(eq(wechatPlatformTokens.kind, kind), eq(wechatPlatformTokens.appid, appid));

function readRow(kind: TokenKind, appid: string) {
  return db().select().from(wechatPlatformTokens).where(rowWhere(kind, appid)).get();
}

type Row = NonNullable<Awaited<ReturnType<typeof readRow>>>;

function validValue(row: Row | undefined, now: Date, aheadMs = 0): string | null {
  if (!row?.valueEncrypted || row.expiresAt.getTime() - aheadMs <= now.getTime()) return null;
  return decryptText(row.valueEncrypted);
}

async function markDue(kind: TokenKind, now: Date): Promise<void> {
  const app = officialAccount();
  if (!app) return;
  await writeTransaction((tx) =>
    tx.update(wechatPlatformTokens).set({ expiresAt: now }).where(rowWhere(kind, app.appid)).run(),
  );
}

/** Claims the row for one refresh when it is due, unclaimed and not backing off. */
async function claim(kind: TokenKind, appid: string, now: Date, aheadMs: number) {
  const at = now.getTime();
  return writeTransaction(async (tx) => {
    await tx
      .insert(wechatPlatformTokens)
      .values({ kind, appid, expiresAt: new Date(0) })
      .onConflictDoNothing()
      .run();
    const claimed = await tx
      .update(wechatPlatformTokens)
      .set({ refreshClaimedUntil: new Date(at + CLAIM_MS) })
      .where(
        and(
          rowWhere(kind, appid),
          or(
            isNull(wechatPlatformTokens.valueEncrypted),
            lte(wechatPlatformTokens.expiresAt, new Date(at + aheadMs)),
          ),
          or(
            isNull(wechatPlatformTokens.refreshClaimedUntil),
            lte(wechatPlatformTokens.refreshClaimedUntil, now),
          ),
          or(isNull(wechatPlatformTokens.retryAfter), lte(wechatPlatformTokens.retryAfter, now)),
        ),
      )
      .returning({ failures: wechatPlatformTokens.failures })
      .all();
    return claimed[0] ?? null;
  });
}

function backoffMs(failures: number, errcode: number): number {
  const exponential = Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** (failures - 1));
  // 45009: the call quota is used up; retrying soon only burns what is left of it.
  return errcode === 45009 ? MAX_BACKOFF_MS : exponential;
}

/**
 * Refreshes the row if it is due and this process wins the claim. Answers the new value, or
 * null when another process holds the claim, the row is backing off, or the fetch failed.
 */
async function refreshIfDue(
  kind: TokenKind,
  appid: string,
  now: Date,
  aheadMs: number,
  fetch: () => Promise<Fetched>,
): Promise<string | null> {
  const claimed = await claim(kind, appid, now, aheadMs);
  if (!claimed) return null;
  try {
    const result = await fetch();
    await writeTransaction((tx) =>
      tx
        .update(wechatPlatformTokens)
        .set({
          valueEncrypted: encryptText(result.value),
          expiresAt: new Date(now.getTime() + result.expiresInSeconds * 1000),
          refreshClaimedUntil: null,
          retryAfter: null,
          failures: 0,
        })
        .where(rowWhere(kind, appid))
        .run(),
    );
    log.info("wechat.token_refreshed", { kind, appid });
    return result.value;
  } catch (error) {
    const expected =
      error instanceof WechatTokenError ||
      error instanceof WechatUnreachableError ||
      error instanceof ApiError;
    if (!expected) throw error;
    const errcode = error instanceof WechatTokenError ? error.errcode : -1;
    const failures = claimed.failures + 1;
    await writeTransaction((tx) =>
      tx
        .update(wechatPlatformTokens)
        .set({
          refreshClaimedUntil: null,
          failures,
          retryAfter: new Date(now.getTime() + backoffMs(failures, errcode)),
        })
        .where(rowWhere(kind, appid))
        .run(),
    );
    log.warn("wechat.token_refresh_failed", { kind, appid, errcode, failures });
    return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function storedOrRefreshed(
  kind: TokenKind,
  app: { appid: string },
  now: Date,
  fetch: () => Promise<Fetched>,
): Promise<string> {
  const fresh = validValue(await readRow(kind, app.appid), now, READER_REFRESH_AHEAD_MS);
  if (fresh) return fresh;
  const refreshed = await refreshIfDue(kind, app.appid, now, READER_REFRESH_AHEAD_MS, fetch);
  if (refreshed) return refreshed;
  // Another process is refreshing, or WeChat failed: the old value serves until it expires.
  const deadline = Date.now() + WAIT_FOR_CLAIMANT_MS;
  for (;;) {
    const row = await readRow(kind, app.appid);
    const value = validValue(row, now);
    if (value) return value;
    const claimedElsewhere = (row?.refreshClaimedUntil?.getTime() ?? 0) > now.getTime();
    if (!claimedElsewhere || Date.now() >= deadline) throw unavailable();
    await sleep(POLL_MS);
  }
}

/** The Official Account's access token (`cgi-bin/stable_token`), shared by all processes. */
export async function wechatAccessToken(now: Date = new Date()): Promise<string> {
  const app = officialAccount();
  if (!app)
    throw new ApiError(Status.conflict, "未配置微信公众号（WECHAT_APP_ID / WECHAT_APP_SECRET）");
  return storedOrRefreshed("access_token", app, now, () => fetchAccessToken(app));
}

/** The JS-SDK ticket (`cgi-bin/ticket/getticket?type=jsapi`) and the app it belongs to. */
export async function jsapiTicket(
  now: Date = new Date(),
): Promise<{ appid: string; ticket: string }> {
  const app = officialAccount();
  if (!app && isSandbox()) return { appid: SANDBOX_JSSDK_APP_ID, ticket: SANDBOX_JSAPI_TICKET };
  if (!app)
    throw new ApiError(Status.conflict, "未配置微信公众号（WECHAT_APP_ID / WECHAT_APP_SECRET）");
  const ticket = await storedOrRefreshed("jsapi_ticket", app, now, () => fetchJsapiTicket(now));
  return { appid: app.appid, ticket };
}

/**
 * Job step: refreshes the access token and the ticket ten minutes before they expire, so
 * readers find fresh values. Idempotent; the claim keeps concurrent runners from both calling.
 */
export async function refreshWechatTokens(context: { now: Date }): Promise<Record<string, number>> {
  const app = officialAccount();
  if (!app) return {};
  const { now } = context;
  const counts = { access_token_refreshed: 0, jsapi_ticket_refreshed: 0 };
  if (
    await refreshIfDue("access_token", app.appid, now, JOB_REFRESH_AHEAD_MS, () =>
      fetchAccessToken(app),
    )
  ) {
    counts.access_token_refreshed = 1;
  }
  if (
    await refreshIfDue("jsapi_ticket", app.appid, now, JOB_REFRESH_AHEAD_MS, () =>
      fetchJsapiTicket(now),
    )
  ) {
    counts.jsapi_ticket_refreshed = 1;
  }
  return counts;
}
