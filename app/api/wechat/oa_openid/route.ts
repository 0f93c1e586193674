import { z } from "zod";
import { text } from "@/lib/api/fields";
import { defineRoute, raw } from "@/lib/api/route";
import { startOfficialAccountOpenid } from "@/lib/wechat/oa-openid";

const params = z.object({ return_to: text({ max: 1024 }) });

// GET|POST /api/wechat/oa_openid?return_to=<local path> – a browser navigation: redirects to
// WeChat's silent snsapi_base authorisation (or straight back when the user already has an
// Official Account openid). Errors (signed out: status 4) are envelopes.
export const GET = defineRoute(
  {
    auth: "user",
    params,
    answer: raw("redirect", "302 to WeChat's silent authorization, or straight back"),
  },
  async ({ user, params }) => startOfficialAccountOpenid(user, params.return_to),
);
export const POST = GET;
