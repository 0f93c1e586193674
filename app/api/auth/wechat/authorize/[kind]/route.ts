import { wechatAuthorizeUrl } from "@/lib/auth/wechat-provider";
import { env } from "@/lib/env";

// Auth.js sends the browser here with its own parameter order; WeChat regex-checks the order and
// needs #wechat_redirect at the end, so redirect on to the exact URL.
export async function GET(request: Request, context: { params: Promise<{ kind: string }> }) {
  const { kind } = await context.params;
  const settings = env();
  const url =
    kind === "oa" || kind === "qr"
      ? wechatAuthorizeUrl(kind, new URL(request.url), {
          appId: kind === "oa" ? settings.WECHAT_APP_ID : settings.WECHAT_WEB_APP_ID,
          openBase: settings.WECHAT_OPEN_BASE,
        })
      : null;
  if (!url) return new Response("微信登录未配置或参数无效", { status: 400 });
  return new Response(null, {
    status: 302,
    headers: { location: url, "cache-control": "no-store" },
  });
}
