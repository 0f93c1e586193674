import { env } from "@/lib/env";

// Auth.js sends the browser here with its own parameter order; WeChat regex-checks the order and
// needs #wechat_redirect (platform-notes §0-11), so rebuild the URL exactly and redirect on.
export async function GET(request: Request, context: { params: Promise<{ kind: string }> }) {
  const { kind } = await context.params;
  const settings = env();
  const appid = kind === "oa" ? settings.WECHAT_APP_ID : settings.WECHAT_WEB_APP_ID;
  const query = new URL(request.url).searchParams;
  const redirectUri = query.get("redirect_uri") ?? "";
  const state = query.get("state") ?? "";
  if (!appid || query.get("appid") !== appid || !redirectUri || !state) {
    return new Response("微信登录未配置或参数无效", { status: 400 });
  }
  const path = kind === "oa" ? "/connect/oauth2/authorize" : "/connect/qrconnect";
  const scope = kind === "oa" ? "snsapi_userinfo" : "snsapi_login";
  const url =
    `${settings.WECHAT_OPEN_BASE.replace(/\/$/, "")}${path}` +
    `?appid=${encodeURIComponent(appid)}&redirect_uri=${encodeURIComponent(redirectUri)}` +
    `&response_type=code&scope=${scope}&state=${encodeURIComponent(state)}#wechat_redirect`;
  return new Response(null, {
    status: 302,
    headers: { location: url, "cache-control": "no-store" },
  });
}
