import { completeAlipayAuth } from "@/lib/alipay/binding";
import { describedRoute } from "@/lib/api/described-route";
import { errorResponse, raw } from "@/lib/api/route";

// GET /api/payment/ali/auth_notify – Alipay sends the browser back here after authorisation;
// the answer is always a redirect to the binding result page.
export const GET = describedRoute(
  {
    auth: "none",
    audience: "operators",
    answer: raw("redirect", "302 to the binding result page (/alipay)."),
  },
  async (request: Request): Promise<Response> => {
    try {
      return await completeAlipayAuth(new URL(request.url).searchParams);
    } catch (error) {
      return errorResponse(request, error);
    }
  },
);
export const POST = GET;
