import "server-only";
import { ViewingStatus } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { rfc3339China } from "@/lib/china-time";
import { type Clock, systemClock } from "@/lib/clock";
import { env } from "@/lib/env";
import { pendingAttempt } from "@/lib/payments/attempts";
import { VIEWING_FEE_SUBJECT } from "@/lib/payments/payment-url";
import { visibleViewingRequest } from "@/lib/payments/viewing-requests";
import {
  callWxpay,
  requireWxpaySettings,
  WxpayNotConfiguredError,
  WxpayUnavailableError,
} from "@/lib/payments/wxpay/client";
import { jsapiPaySign, nonce, unixSeconds } from "@/lib/payments/wxpay/signing";
import { requireConsent } from "@/lib/viewings/consent";
import { officialAccountOpenid } from "@/lib/wechat/identities";

// JSAPI (公众号支付): a prepay order per attempt, then the six fields WeixinJSBridge's
// getBrandWCPayRequest takes, paySign computed here with the merchant key. time_expire is fixed
// per attempt (WeChat refuses a changed one under the same out_trade_no and returns the current
// prepay_id for the same parameters), two hours after the attempt was created, like prepay_id.

const ORDER_LIFETIME_MS = 2 * 3600_000;
/** A pending attempt is reused only while its order has at least this long left. */
const REUSE_MARGIN_MS = 10 * 60_000;

/** Where the page sends a user without an Official Account openid (silent snsapi_base). */
const OA_OPENID_PATH = "/api/wechat/oa_openid";

export function wxpayOrderExpiry(attemptCreatedAt: Date): Date {
  return new Date(attemptCreatedAt.getTime() + ORDER_LIFETIME_MS);
}

export interface JsapiPayParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: "RSA";
  paySign: string;
}

export async function viewingFeeWxpayParams(
  userId: number,
  requestId: number,
  clock: Clock = systemClock,
): Promise<JsapiPayParams> {
  const request = await visibleViewingRequest(userId, requestId);
  if (request.tenantId !== userId) throw ApiError.forbidden("只有看房人本人可以支付");
  if (request.status !== ViewingStatus.pending)
    throw ApiError.conflict("该看房申请已支付，无需重复支付", { status: request.status });
  requireConsent(request);
  let settings: ReturnType<typeof requireWxpaySettings>;
  try {
    settings = requireWxpaySettings();
  } catch (error) {
    if (error instanceof WxpayNotConfiguredError)
      throw ApiError.conflict("暂未开通微信支付，请使用支付宝", { reason: "wxpay_unavailable" });
    throw error;
  }
  const openid = await officialAccountOpenid(userId);
  if (!settings.appid || !openid)
    throw ApiError.conflict("需要先在微信内授权获取你的公众号身份，才能使用微信支付", {
      reason: "oa_openid_required",
      authorize_path: OA_OPENID_PATH,
    });

  const now = clock();
  const attempt = await pendingAttempt(
    request.id,
    env().VIEWING_FEE_CENTS,
    "wxpay",
    new Date(now.getTime() - ORDER_LIFETIME_MS + REUSE_MARGIN_MS),
  );
  const path = "/v3/pay/transactions/jsapi";
  const { status, data } = await callWxpay(
    "POST",
    path,
    {
      appid: settings.appid,
      mchid: settings.mchid,
      description: VIEWING_FEE_SUBJECT,
      out_trade_no: attempt.outTradeNo,
      time_expire: rfc3339China(wxpayOrderExpiry(attempt.createdAt)),
      notify_url: settings.notifyUrl,
      amount: { total: attempt.amountCents, currency: "CNY" },
      payer: { openid },
    },
    clock,
  ).catch((error) => {
    if (error instanceof WxpayUnavailableError)
      throw new ApiError(11, "微信支付暂时不可用，请稍后再试");
    throw error;
  });
  const prepayId = typeof data.prepay_id === "string" ? data.prepay_id : "";
  if (status !== 200 || !prepayId)
    throw new ApiError(11, `微信支付下单失败：${String(data.message ?? data.code ?? status)}`);

  const fields = {
    appId: settings.appid,
    timeStamp: unixSeconds(now),
    nonceStr: nonce(),
    package: `prepay_id=${prepayId}`,
  };
  return { ...fields, signType: "RSA", paySign: jsapiPaySign(fields, settings.merchantPrivateKey) };
}
