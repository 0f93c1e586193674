import { sandboxOnly } from "@/lib/alipay/sandbox/route";
import { describedRoute } from "@/lib/api/described-route";
import { raw } from "@/lib/api/route";
import { handleWxpayGateway } from "@/lib/payments/wxpay/sandbox/gateway";

// GET|POST /api/sandbox/wxpay/v3/… – the sandbox WeChat Pay API v3 (404 in live mode).
export const GET = describedRoute(
  {
    auth: "none",
    audience: "operators",
    answer: raw("application/json", "WeChat Pay v3 answers, signed with the sandbox platform key."),
  },
  sandboxOnly(handleWxpayGateway),
);
export const POST = GET;
