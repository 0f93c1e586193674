import { z } from "zod";
import { text } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { jssdkConfig } from "@/lib/wechat/jssdk";

const params = z.object({ url: text({ max: 2048 }) });

const answer = z.object({
  appId: z.string(),
  timestamp: z.number().int(),
  nonceStr: z.string(),
  signature: z.string(),
});

// GET|POST /api/wechat/jssdk_config?url= – the wx.config signature for a page on APP_URL's origin.
export const POST = defineRoute({ auth: "none", params, answer }, async ({ params }) =>
  jssdkConfig(params.url),
);
export const GET = POST;
