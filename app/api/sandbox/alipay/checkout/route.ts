import { submitCheckout } from "@/lib/alipay/sandbox/cashier";
import { sandboxOnly } from "@/lib/alipay/sandbox/route";
import { describedRoute } from "@/lib/api/described-route";
import { raw } from "@/lib/api/route";

// POST /api/sandbox/alipay/checkout – the sandbox cashier's 确认付款 / 取消 form.
export const POST = describedRoute(
  {
    auth: "none",
    audience: "operators",
    answer: raw("redirect", "302 back to the merchant's return URL after paying or cancelling."),
  },
  sandboxOnly(async (request) => {
    const form = new URLSearchParams(await request.text());
    return submitCheckout(form.get("ticket") ?? "", form.get("action") ?? "");
  }),
);
