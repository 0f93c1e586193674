import { sandboxOnly } from "@/lib/alipay/sandbox/route";
import { handleWxpayGateway } from "@/lib/payments/wxpay/sandbox/gateway";

// GET|POST /api/sandbox/wxpay/v3/… – the sandbox WeChat Pay API v3 (404 in live mode).
export const GET = sandboxOnly(handleWxpayGateway);
export const POST = GET;
