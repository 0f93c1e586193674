import { errorResponse } from "@/lib/api/route";
import { processAlipayNotify } from "@/lib/payments/notify";

// POST /api/payment/ali/notify (legacy /payment/ali/nontify/pre_order_payment) – Alipay's async
// notify. A plain handler: the signature covers the raw form body, and Alipay expects exactly
// the text "success" or "fail", never the JSON envelope.
export async function POST(request: Request): Promise<Response> {
  try {
    const { answer } = processAlipayNotify(await request.text());
    return new Response(answer, {
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  } catch (error) {
    return errorResponse(request, error);
  }
}
