import { submitCheckout } from "@/lib/alipay/sandbox/cashier";
import { sandboxOnly } from "@/lib/alipay/sandbox/route";

// POST /api/sandbox/alipay/checkout – the sandbox cashier's 确认付款 / 取消 form.
export const POST = sandboxOnly(async (request) => {
  const form = new URLSearchParams(await request.text());
  return submitCheckout(form.get("ticket") ?? "", form.get("action") ?? "");
});
