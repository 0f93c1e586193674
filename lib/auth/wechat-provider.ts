import "server-only";
import { customFetch } from "@auth/core";
import type { OAuthConfig } from "next-auth/providers";
import WeChat from "next-auth/providers/wechat";
import type { WechatProfile } from "@/lib/wechat/oauth";

// Auth.js's built-in WeChat provider, patched for WeChat's non-standard OAuth (see README,
// "Sign-in (next-auth)"). Endpoints come from
// WECHAT_OPEN_BASE / WECHAT_API_BASE so tests can run the whole flow against a local stub.

export type WechatKind = "oa" | "qr";

/** next-auth provider ids; the OA one keeps "wechat" so its callback is /api/auth/callback/wechat. */
export const WECHAT_PROVIDER_ID: Record<WechatKind, string> = { oa: "wechat", qr: "wechat-qr" };

export interface WechatProviderSettings {
  kind: WechatKind;
  appId: string;
  appSecret: string;
  appUrl: string;
  apiBase: string;
}

export function isSnapshotUser(...sources: unknown[]): boolean {
  return sources.some(
    (source) =>
      typeof source === "object" &&
      source !== null &&
      Number((source as { is_snapshotuser?: unknown }).is_snapshotuser) === 1,
  );
}

/** Our account id for a WeChat profile: unionid links the OA and QR apps; openid otherwise. */
export function wechatAccountId(profile: Pick<WechatProfile, "openid" | "unionid">): string {
  const id = profile.unionid || profile.openid;
  if (!id) throw new Error("WeChat profile has neither unionid nor openid");
  return id;
}

/**
 * WeChat answers JSON as text/plain, without token_type, and errors as 200 + errcode. The
 * built-in conform copies the text/plain header (oauth4webapi then rejects it), so build a
 * fresh JSON response, mapping errcode to an OAuth error.
 */
export async function conformTokenResponse(response: Response): Promise<Response> {
  const data = JSON.parse(await response.text()) as Record<string, unknown>;
  const body =
    data.errcode !== undefined && data.errcode !== 0
      ? { error: "invalid_grant", error_description: `wechat errcode ${data.errcode}` }
      : { ...data, token_type: "bearer" };
  return new Response(JSON.stringify(body), {
    status: response.status === 200 ? 200 : 400,
    headers: { "content-type": "application/json" },
  });
}

/**
 * WeChat's token endpoint is a GET with appid/secret/code in the query; oauth4webapi POSTs a
 * form with Basic auth. Rewrite just that request.
 */
function wechatFetch(tokenUrl: string, appId: string, appSecret: string): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (`${url.origin}${url.pathname}` !== tokenUrl) return fetch(input, init);
    const form = new URLSearchParams(init?.body instanceof URLSearchParams ? init.body : undefined);
    const query = new URLSearchParams({
      appid: appId,
      secret: appSecret,
      code: form.get("code") ?? "",
      grant_type: "authorization_code",
    });
    return fetch(`${tokenUrl}?${query}`, { signal: init?.signal });
  };
}

export function wechatProvider(settings: WechatProviderSettings): OAuthConfig<WechatProfile> {
  const base = WeChat({
    clientId: settings.appId,
    clientSecret: settings.appSecret,
    platformType: settings.kind === "oa" ? "OfficialAccount" : "WebsiteApp",
  }) as unknown as OAuthConfig<WechatProfile>;
  const apiBase = settings.apiBase.replace(/\/$/, "");
  const tokenUrl = `${apiBase}/sns/oauth2/access_token`;
  return {
    ...base,
    id: WECHAT_PROVIDER_ID[settings.kind],
    name: settings.kind === "oa" ? "微信" : "微信扫码",
    authorization: {
      // Auth.js orders the query its own way and cannot add #wechat_redirect; this route
      // rebuilds the exact URL WeChat's regex check expects and redirects there.
      url: `${settings.appUrl}/api/auth/wechat/authorize/${settings.kind}`,
      params: {
        appid: settings.appId,
        scope: settings.kind === "oa" ? "snsapi_userinfo" : "snsapi_login",
      },
    },
    token: { url: tokenUrl, conform: conformTokenResponse },
    userinfo: { ...(base.userinfo as object), url: `${apiBase}/sns/userinfo` },
    profile(profile) {
      return {
        id: wechatAccountId(profile),
        name: profile.nickname ?? null,
        email: null,
        image: profile.headimgurl ?? null,
      };
    },
    [customFetch]: wechatFetch(tokenUrl, settings.appId, settings.appSecret),
  } as OAuthConfig<WechatProfile>;
}

/**
 * The exact authorize URL WeChat's regex check expects (parameter order, #wechat_redirect),
 * rebuilt from the one Auth.js produced. Null if it is not for the configured app.
 */
export function wechatAuthorizeUrl(
  kind: WechatKind,
  authjsUrl: URL,
  settings: { appId?: string; openBase: string },
): string | null {
  const query = authjsUrl.searchParams;
  const redirectUri = query.get("redirect_uri");
  const state = query.get("state");
  if (!settings.appId || query.get("appid") !== settings.appId || !redirectUri || !state) {
    return null;
  }
  const path = kind === "oa" ? "/connect/oauth2/authorize" : "/connect/qrconnect";
  const scope = kind === "oa" ? "snsapi_userinfo" : "snsapi_login";
  return (
    `${settings.openBase.replace(/\/$/, "")}${path}` +
    `?appid=${encodeURIComponent(settings.appId)}&redirect_uri=${encodeURIComponent(redirectUri)}` +
    `&response_type=code&scope=${scope}&state=${encodeURIComponent(state)}#wechat_redirect`
  );
}
