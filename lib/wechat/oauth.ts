import "server-only";
import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { callWechatApi, WechatUnreachableError, wechatErrcode } from "@/lib/wechat/api";

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

export const snapshotUserError = () =>
  ApiError.notLoggedIn("当前为微信快照页模式，请点击“使用完整服务”后再登录");

async function getWechatJson(
  path: string,
  query: Record<string, string>,
): Promise<Record<string, unknown>> {
  let answer: Record<string, unknown>;
  try {
    answer = await callWechatApi(path, { query });
  } catch (error) {
    if (error instanceof WechatUnreachableError) throw ApiError.notLoggedIn(LOGIN_FAILED);
    throw error;
  }
  const errcode = wechatErrcode(answer);
  if (errcode !== 0) {
    log.warn("wechat.api_error", { path, errcode });
    throw ApiError.notLoggedIn(wechatErrorText(errcode));
  }
  return answer;
}

function wechatErrorText(errcode: number): string {
  if (errcode === 40029 || errcode === 40163 || errcode === 41008)
    return `微信授权码无效或已使用，请重新授权（${errcode}）`;
  if (errcode === 48001) return `微信授权范围不足，请重新授权（${errcode}）`;
  return `${LOGIN_FAILED}（${errcode}）`;
}

const optionalString = (value: unknown) => (typeof value === "string" ? value : undefined);

interface OAuthGrant {
  openid: string;
  unionid?: string;
  accessToken: string;
  scope: string[];
}

/** sns/oauth2/access_token under the Official Account: the code's openid (and unionid). */
async function officialAccountGrant(code: string): Promise<OAuthGrant> {
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
  return {
    openid,
    unionid: optionalString(grant.unionid),
    accessToken,
    scope: (optionalString(grant.scope) ?? "").split(","),
  };
}

/** A silent snsapi_base code's Official Account openid (and unionid); no profile is fetched. */
export async function exchangeBaseCode(
  code: string,
): Promise<Pick<WechatProfile, "openid" | "unionid">> {
  const { openid, unionid } = await officialAccountGrant(code);
  return { openid, unionid };
}

/**
 * Exchanges a web-authorisation `code` for the user's profile (sns/oauth2/access_token, then
 * sns/userinfo). A silent snsapi_base authorisation yields only the openid (and unionid).
 */
export async function exchangeOAuthCode(code: string): Promise<WechatProfile> {
  const grant = await officialAccountGrant(code);
  const { openid, accessToken } = grant;
  if (!grant.scope.includes("snsapi_userinfo")) return { openid, unionid: grant.unionid };
  const info = await getWechatJson("/sns/userinfo", {
    access_token: accessToken,
    openid,
    lang: "zh_CN",
  });
  if (info.openid !== openid) throw ApiError.notLoggedIn(LOGIN_FAILED);
  return {
    openid,
    unionid: optionalString(info.unionid) ?? grant.unionid,
    nickname: optionalString(info.nickname),
    sex: typeof info.sex === "number" ? info.sex : undefined,
    province: optionalString(info.province),
    city: optionalString(info.city),
    country: optionalString(info.country),
    headimgurl: optionalString(info.headimgurl),
    is_snapshotuser: Number(info.is_snapshotuser) === 1 ? 1 : 0,
  };
}
