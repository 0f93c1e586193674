import { sandboxOnly } from "@/lib/alipay/sandbox/route";
import { describedRoute } from "@/lib/api/described-route";
import { raw } from "@/lib/api/route";
import { submitCashier } from "@/lib/payments/wxpay/sandbox/cashier";

// POST /api/sandbox/wxpay/cashier – 确认支付 / 取消 on the sandbox payment sheet (JSON in,
// {err_msg} out, as getBrandWCPayRequest reports it). 404 in live mode.
export const POST = describedRoute(
  {
    auth: "none",
    audience: "operators",
    answer: raw("application/json", "{err_msg} as getBrandWCPayRequest reports it."),
  },
  sandboxOnly(async (request) => {
    const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
    const field = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
    const result = await submitCashier(
      {
        appId: field("appId"),
        timeStamp: field("timeStamp"),
        nonceStr: field("nonceStr"),
        package: field("package"),
        signType: field("signType"),
        paySign: field("paySign"),
      },
      field("action"),
    );
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  }),
);
