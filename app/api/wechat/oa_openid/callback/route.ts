import { z } from "zod";
import { optional, text } from "@/lib/api/fields";
import { defineRoute, raw } from "@/lib/api/route";
import { completeOfficialAccountOpenid } from "@/lib/wechat/oa-openid";

const params = z.object({
  code: optional(text({ max: 512 })),
  state: optional(text({ max: 128 })),
});

// GET|POST /api/wechat/oa_openid/callback – WeChat sends the browser back here after the silent
// authorisation; the answer is always a redirect to the page the user came from.
export const GET = defineRoute(
  { auth: "none", params, answer: raw("redirect", "302 back to the page the user came from") },
  async ({ request, params }) => completeOfficialAccountOpenid(request, params),
);
export const POST = GET;
