import { completeAlipayAuth } from "@/lib/alipay/binding";
import { errorResponse } from "@/lib/api/route";

// GET /api/payment/ali/auth_notify – Alipay sends the browser back here after authorisation;
// the answer is always a redirect to the binding result page.
export async function GET(request: Request): Promise<Response> {
  try {
    return await completeAlipayAuth(new URL(request.url).searchParams);
  } catch (error) {
    return errorResponse(request, error);
  }
}
export const POST = GET;
