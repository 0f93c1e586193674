import { describedRoute } from "@/lib/api/described-route";
import { raw } from "@/lib/api/route";
import { describeError, log } from "@/lib/log";
import { processAlipayNotify } from "@/lib/payments/notify";

// POST /api/payment/ali/notify (legacy /payment/ali/nontify/pre_order_payment) – Alipay's async
// notify. A plain handler: the signature covers the raw form body, and Alipay expects exactly
// the text "success" or "fail", never the JSON envelope — even when handling it failed, so
// Alipay retries it later.
export const POST = describedRoute(
  {
    auth: "none",
    audience: "operators",
    answer: raw("text/plain", "`success` once handled, else `fail` (Alipay retries)."),
  },
  async (request: Request): Promise<Response> => {
    let answer: "success" | "fail";
    try {
      ({ answer } = await processAlipayNotify(await request.text()));
    } catch (error) {
      log.error("alipay.notify_failed", describeError(error));
      answer = "fail";
    }
    return new Response(answer, {
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  },
);
