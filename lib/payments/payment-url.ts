import "server-only";
import { ViewingStatus } from "@/db/schema";
import { alipaySdk, alipaySettings } from "@/lib/alipay/client";
import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { pendingAttempt } from "@/lib/payments/attempts";
import { centsToYuan } from "@/lib/payments/money";
import { visibleViewingRequest } from "@/lib/payments/viewing-requests";
import { isAllowedOrigin } from "@/lib/urls";
import { requireConsent } from "@/lib/viewings/consent";

export const VIEWING_FEE_SUBJECT = "看房信息费";

/** Origins a payment may return to: the app itself plus ALIPAY_RETURN_ORIGINS. */
function allowedReturnOrigins(): Set<string> {
  const settings = env();
  const origins = new Set([new URL(settings.APP_URL).origin]);
  for (const entry of (settings.ALIPAY_RETURN_ORIGINS ?? "").split(",")) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    try {
      origins.add(new URL(trimmed).origin);
    } catch {
      // A malformed entry allows nothing.
    }
  }
  return origins;
}

/** An absolute http(s) URL on an allowed origin, or a param error: no open redirect. */
function checkReturnUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw ApiError.badParam("return_url", "应为完整的 http(s) 链接");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw ApiError.badParam("return_url", "应为完整的 http(s) 链接");
  if (!isAllowedOrigin(value, allowedReturnOrigins()))
    throw ApiError.badParam("return_url", "不在允许的返回地址范围内");
  return url.toString();
}

/** The Alipay wap-pay URL for the caller's unpaid viewing request. */
export async function viewingFeePaymentUrl(
  userId: number,
  requestId: number,
  returnUrlParam: string,
): Promise<{ result: "SUCCESS"; payment_url: string }> {
  const returnUrl = checkReturnUrl(returnUrlParam);
  const request = await visibleViewingRequest(userId, requestId);
  if (request.tenantId !== userId) throw ApiError.forbidden("只有看房人本人可以支付");
  if (request.status !== ViewingStatus.pending)
    throw ApiError.conflict("该看房申请已支付，无需重复支付", { status: request.status });
  requireConsent(request);

  const attempt = await pendingAttempt(request.id, env().VIEWING_FEE_CENTS, "alipay");
  const paymentUrl = alipaySdk().pageExecute("alipay.trade.wap.pay", "GET", {
    bizContent: {
      out_trade_no: attempt.outTradeNo,
      total_amount: centsToYuan(attempt.amountCents),
      subject: VIEWING_FEE_SUBJECT,
      product_code: "QUICK_WAP_WAY",
      quit_url: returnUrl,
    },
    notifyUrl: alipaySettings().notifyUrl,
    returnUrl,
  });
  return { result: "SUCCESS", payment_url: paymentUrl };
}
