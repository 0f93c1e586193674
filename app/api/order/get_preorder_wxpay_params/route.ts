import { z } from "zod";
import { id } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { viewingFeeWxpayParams } from "@/lib/payments/wxpay/jsapi";

// GET|POST /api/order/get_preorder_wxpay_params – WeChat Pay JSAPI parameters for the viewing
// fee, for WeixinJSBridge.invoke('getBrandWCPayRequest', …). Status 8 with
// ans.reason "oa_openid_required" when the payer has no Official Account openid yet.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({ pre_order_id: id() }),
    answer: z.object({
      appId: z.string(),
      timeStamp: z.string(),
      nonceStr: z.string(),
      package: z.string(),
      signType: z.literal("RSA"),
      paySign: z.string(),
    }),
  },
  async ({ user, params }) => viewingFeeWxpayParams(user.id, params.pre_order_id),
);
export const GET = POST;
