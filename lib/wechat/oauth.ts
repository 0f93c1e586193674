import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { describeError, log } from "@/lib/log";

/** A WeChat web-authorisation profile, with WeChat's own field names (as next-auth passes it). */
export interface WechatProfile {
  openid: string;
  unionid?: string | null;
  nickname?: string | null;
  sex?: number | null;
  province?: string | null;
  city?: string | null;
  country?: string | null;
  headimgurl?: string | null;
  /** 1 when WeChat shows its "snapshot page": the identity is virtual and must not be stored. */
  is_snapshotuser?: number | null;
}

const LOGIN_FAILED = "微信登录失败，请重试";
const TIMEOUT_MS = 8000;

export const snapshotUserError = () =>
  ApiError.notLoggedIn("当前为微信快照页模式，请点击“使用完整服务”后再登录");

// WeChat answers JSON with a text/plain content type and reports errors as 200 + errcode.
async function getWechatJson(
  path: string,
  query: Record<string, string>,
): Promise<Record<string, unknown>> {
  // Appended rather than resolved, so a base with a path (a mounted stand-in) keeps it.
  const url = new URL(`${env().WECHAT_API_BASE.replace(/\/+$/, "")}${path}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  let body: unknown;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = JSON.parse(await response.text());
  } catch (error) {
    // Only the path is logged: the query carries the app secret and the user's code.
    log.warn("wechat.request_failed", { path, error: describeError(error).message });
    throw ApiError.notLoggedIn(LOGIN_FAILED);
  }
  if (typeof body !== "object" || body === null) throw ApiError.notLoggedIn(LOGIN_FAILED);
  const record = body as Record<string, unknown>;
  if (record.errcode !== undefined && record.errcode !== 0) {
    log.warn("wechat.api_error", { path, errcode: record.errcode });
    throw ApiError.notLoggedIn(wechatErrorText(Number(record.errcode)));
  }
  return record;
}

function wechatErrorText(errcode: number): string {
  if (errcode === 40029 || errcode === 40163 || errcode === 41008)
    return `微信授权码无效或已使用，请重新授权（${errcode}）`;
  if (errcode === 48001) return `微信授权范围不足，请重新授权（${errcode}）`;
  return `${LOGIN_FAILED}（${errcode}）`;
}

const optionalString = (value: unknown) => (typeof value === "string" ? value : undefined);

/**
 * Exchanges a web-authorisation `code` for the user's profile (sns/oauth2/access_token, then
 * sns/userinfo). A silent snsapi_base authorisation yields only the openid (and unionid).
 */
export async function exchangeOAuthCode(code: string): Promise<WechatProfile> {
  const { WECHAT_APP_ID: appid, WECHAT_APP_SECRET: secret } = env();
  if (!appid || !secret) {
    throw ApiError.notLoggedIn(
      "未配置微信公众号（WECHAT_APP_ID / WECHAT_APP_SECRET），无法用 code 登录",
    );
  }
  const grant = await getWechatJson("/sns/oauth2/access_token", {
    appid,
    secret,
    code,
    grant_type: "authorization_code",
  });
  const openid = optionalString(grant.openid);
  const accessToken = optionalString(grant.access_token);
  if (!openid || !accessToken) throw ApiError.notLoggedIn(LOGIN_FAILED);
  if (Number(grant.is_snapshotuser) === 1) throw snapshotUserError();
  const scope = optionalString(grant.scope) ?? "";
  if (!scope.split(",").includes("snsapi_userinfo")) {
    return { openid, unionid: optionalString(grant.unionid) };
  }
  const info = await getWechatJson("/sns/userinfo", {
    access_token: accessToken,
    openid,
    lang: "zh_CN",
  });
  if (info.openid !== openid) throw ApiError.notLoggedIn(LOGIN_FAILED);
  return {
    openid,
    unionid: optionalString(info.unionid) ?? optionalString(grant.unionid),
    nickname: optionalString(info.nickname),
    sex: typeof info.sex === "number" ? info.sex : undefined,
    province: optionalString(info.province),
    city: optionalString(info.city),
    country: optionalString(info.country),
    headimgurl: optionalString(info.headimgurl),
    is_snapshotuser: Number(info.is_snapshotuser) === 1 ? 1 : 0,
  };
}
