import { describedRoute } from "@/lib/api/described-route";
import { raw } from "@/lib/api/route";
import { describeError, log } from "@/lib/log";
import { processWxpayNotify } from "@/lib/payments/wxpay/notify";

// POST /api/payment/wx/notify – WeChat Pay's v3 notify. A plain handler: the signature covers
// the raw body, and WeChat Pay expects 200/204 when handled, or 4xx/5xx with
// {"code":"FAIL","message":…} to retry later, never the JSON envelope.
export const POST = describedRoute(
  {
    auth: "none",
    audience: "operators",
    answer: raw(
      "application/json",
      "204 once handled; 4xx/5xx with {code: FAIL, message} to retry.",
    ),
  },
  async (request: Request): Promise<Response> => {
    let result: { httpStatus: number; outcome: string };
    try {
      result = await processWxpayNotify(await request.text(), request.headers);
    } catch (error) {
      log.error("wxpay.notify_failed", describeError(error));
      result = { httpStatus: 500, outcome: "internal_error" };
    }
    if (result.httpStatus === 204) return new Response(null, { status: 204 });
    return Response.json(
      { code: "FAIL", message: result.outcome },
      { status: result.httpStatus, headers: { "cache-control": "no-store" } },
    );
  },
);
