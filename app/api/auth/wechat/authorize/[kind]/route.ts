import { z } from "zod";
import { describedRoute } from "@/lib/api/described-route";
import { raw } from "@/lib/api/route";
import { wechatAuthorizeUrl } from "@/lib/auth/wechat-provider";
import { env } from "@/lib/env";

// GET /api/auth/wechat/authorize/<oa|qr> – the web sign-in's hop to WeChat's authorisation page.
// Auth.js sends the browser here with its own parameter order; WeChat regex-checks the order and
// needs #wechat_redirect at the end, so redirect on to the exact URL.
export const GET = describedRoute(
  {
    auth: "none",
    audience: "operators",
    params: z.object({
      kind: z.enum(["oa", "qr"]).describe("oa: in WeChat, qr: QR code on the web"),
    }),
    answer: raw("redirect", "302 to WeChat's authorisation page (the web sign-in's first step)."),
  },
  async (request: Request, context: { params: Promise<{ kind: string }> }) => {
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
  },
);
