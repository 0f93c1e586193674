import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import { wechatOauthStates } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import type { CurrentUser } from "@/lib/auth/current-user";
import { sessionReturningFromThirdParty } from "@/lib/auth/session";
import { keyedHash } from "@/lib/crypto";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { safeLocalPath } from "@/lib/urls";
import { officialAccountOpenid, recordWechatIdentity } from "@/lib/wechat/identities";
import { exchangeBaseCode } from "@/lib/wechat/oauth";
import { isWechatBrowser } from "@/lib/wechat/user-agent";

// Silent Official Account authorisation (snsapi_base, no consent screen) for a signed-in user
// who has no OA openid yet (e.g. they signed in with the website QR login): our start route →
// WeChat's authorize URL → our callback, which records the OA identity and returns to the page.

const OA_STATE_TTL_MS = 10 * 60 * 1000;
const STATE_PURPOSE = "wechat-oa-openid-state";
const OA_CALLBACK_PATH = "/api/wechat/oa_openid/callback";

/** True when a page should send this user through the silent authorisation. */
export async function needsOfficialAccountOpenid(
  user: Pick<CurrentUser, "id"> | null,
  userAgent: string | null | undefined,
): Promise<boolean> {
  const { WECHAT_APP_ID, WECHAT_APP_SECRET } = env();
  if (!user || !WECHAT_APP_ID || !WECHAT_APP_SECRET || !isWechatBrowser(userAgent)) return false;
  return (await officialAccountOpenid(user.id)) === null;
}

function redirectTo(location: string): Response {
  // A relative Location keeps the browser on the host it is using.
  return new Response(null, { status: 302, headers: { location, "cache-control": "no-store" } });
}

/**
 * WeChat checks the authorize URL with a regex: exactly this parameter order, and the
 * `#wechat_redirect` fragment. `state` may only be [A-Za-z0-9], at most 128 bytes.
 */
function officialAccountBaseAuthorizeUrl(appid: string, state: string): string {
  const settings = env();
  const redirectUri = `${settings.APP_URL}${OA_CALLBACK_PATH}`;
  return (
    `${settings.WECHAT_OPEN_BASE.replace(/\/+$/, "")}/connect/oauth2/authorize` +
    `?appid=${encodeURIComponent(appid)}&redirect_uri=${encodeURIComponent(redirectUri)}` +
    `&response_type=code&scope=snsapi_base&state=${state}#wechat_redirect`
  );
}

/** GET /api/wechat/oa_openid?return_to=: starts the silent authorisation (or skips it). */
export async function startOfficialAccountOpenid(
  user: CurrentUser,
  returnTo: string,
  now: Date = new Date(),
): Promise<Response> {
  const path = returnTo.startsWith("/") ? safeLocalPath(returnTo, "") : "";
  if (!path) throw ApiError.badParam("return_to", "应为本站页面路径（以 / 开头）");
  const { WECHAT_APP_ID: appid, WECHAT_APP_SECRET: secret } = env();
  if (!appid || !secret) throw ApiError.conflict("未配置微信公众号，无法获取公众号 openid");
  if (await officialAccountOpenid(user.id)) return redirectTo(path);
  const state = randomBytes(16).toString("hex");
  await writeTransaction(async (tx) => {
    await tx.delete(wechatOauthStates).where(lt(wechatOauthStates.expiresAt, now)).run();
    await tx
      .insert(wechatOauthStates)
      .values({
        stateHash: keyedHash(state, STATE_PURPOSE),
        userId: user.id,
        returnTo: path,
        expiresAt: new Date(now.getTime() + OA_STATE_TTL_MS),
      })
      .run();
  });
  return redirectTo(officialAccountBaseAuthorizeUrl(appid, state));
}

type Failure =
  | "state_invalid"
  | "state_expired"
  | "state_used"
  | "session"
  | "oauth"
  | "openid_taken";

function failed(returnTo: string, reason: Failure): Response {
  // Marked, so a page that starts the authorisation on its own does not loop.
  const separator = returnTo.includes("?") ? "&" : "?";
  return redirectTo(`${returnTo}${separator}wechat_oa=failed&reason=${reason}`);
}

/** Marks the state used (whatever happens next) and answers its user and return path. */
async function consumeState(state: string, now: Date) {
  const stateHash = keyedHash(state, STATE_PURPOSE);
  return writeTransaction(async (tx) => {
    const [claimed] = await tx
      .update(wechatOauthStates)
      .set({ usedAt: now })
      .where(
        and(
          eq(wechatOauthStates.stateHash, stateHash),
          isNull(wechatOauthStates.usedAt),
          gt(wechatOauthStates.expiresAt, now),
        ),
      )
      .returning({ userId: wechatOauthStates.userId, returnTo: wechatOauthStates.returnTo })
      .all();
    if (claimed) return claimed;
    const row = await tx
      .select()
      .from(wechatOauthStates)
      .where(eq(wechatOauthStates.stateHash, stateHash))
      .get();
    const reason: Failure = !row ? "state_invalid" : row.usedAt ? "state_used" : "state_expired";
    return { reason, returnTo: row?.returnTo ?? "/" };
  });
}

/** GET /api/wechat/oa_openid/callback?code&state: WeChat sends the browser back here. */
export async function completeOfficialAccountOpenid(
  request: Request,
  query: { code?: string; state?: string },
  now: Date = new Date(),
): Promise<Response> {
  const appid = env().WECHAT_APP_ID;
  if (!query.state || !/^[0-9a-f]{32}$/.test(query.state)) return failed("/", "state_invalid");
  const state = await consumeState(query.state, now);
  if ("reason" in state) return failed(state.returnTo, state.reason);
  const session = await sessionReturningFromThirdParty(request);
  if (session?.uid !== state.userId) return failed(state.returnTo, "session");
  if (!query.code || !appid) return failed(state.returnTo, "oauth");
  let identity: Awaited<ReturnType<typeof exchangeBaseCode>>;
  try {
    identity = await exchangeBaseCode(query.code);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return failed(state.returnTo, "oauth");
  }
  const outcome = await writeTransaction(async (tx) =>
    recordWechatIdentity(tx, { userId: state.userId, appid, ...identity }),
  );
  if (outcome === "conflict") return failed(state.returnTo, "openid_taken");
  log.info("wechat.oa_openid_recorded", { userId: state.userId, outcome });
  return redirectTo(state.returnTo);
}
