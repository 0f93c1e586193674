import "server-only";
import { type Clock, systemClock } from "@/lib/clock";
import { log } from "@/lib/log";
import { type WxpaySettings, wxpaySettings } from "@/lib/payments/wxpay/settings";
import {
  authorizationHeader,
  nonce,
  requestMessage,
  rsaSign,
  signatureHeadersOf,
  unixSeconds,
  verifyWechatpaySignature,
} from "@/lib/payments/wxpay/signing";

// A server-to-server call to WeChat Pay API v3: the request is signed with the merchant key and
// every answer's signature (and timestamp window) is verified before it is believed.

export class WxpayUnavailableError extends Error {
  constructor(what: string, cause?: unknown) {
    super(`WeChat Pay call ${what} failed`, { cause });
    this.name = "WxpayUnavailableError";
  }
}

export class WxpayNotConfiguredError extends Error {
  constructor() {
    super("WeChat Pay is not configured");
    this.name = "WxpayNotConfiguredError";
  }
}

export interface WxpayAnswer {
  status: number;
  data: Record<string, unknown>;
}

export function requireWxpaySettings(): WxpaySettings {
  const settings = wxpaySettings();
  if (!settings) throw new WxpayNotConfiguredError();
  return settings;
}

/** `pathAndQuery` is what WeChat Pay signs, e.g. `/v3/pay/transactions/jsapi`. */
export async function callWxpay(
  method: "GET" | "POST",
  pathAndQuery: string,
  body?: Record<string, unknown>,
  clock: Clock = systemClock,
): Promise<WxpayAnswer> {
  const settings = requireWxpaySettings();
  const bodyText = body === undefined ? "" : JSON.stringify(body);
  const timestamp = unixSeconds(clock());
  const nonceStr = nonce();
  const signature = rsaSign(
    requestMessage(method, pathAndQuery, timestamp, nonceStr, bodyText),
    settings.merchantPrivateKey,
  );
  const headers: Record<string, string> = {
    Accept: "application/json",
    "User-Agent": "zhizu/1.0",
    Authorization: authorizationHeader({
      mchid: settings.mchid,
      nonce_str: nonceStr,
      timestamp,
      serial_no: settings.merchantSerial,
      signature,
    }),
  };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  // Asks for answers signed with the WeChat Pay public key (effective once switched over).
  if (settings.publicKeyId) headers["Wechatpay-Serial"] = settings.publicKeyId;

  let response: Response;
  let text: string;
  try {
    response = await fetch(`${settings.apiBase}${pathAndQuery}`, {
      method,
      headers,
      body: body === undefined ? undefined : bodyText,
      signal: AbortSignal.timeout(10_000),
    });
    text = await response.text();
  } catch (error) {
    log.warn("wxpay.call_failed", { path: pathAndQuery.split("?")[0], error: String(error) });
    throw new WxpayUnavailableError(pathAndQuery, error);
  }
  const failure = verifyWechatpaySignature(
    signatureHeadersOf(response.headers),
    text,
    settings.platformKeys,
    clock(),
  );
  if (failure) {
    log.warn("wxpay.answer_unverified", { status: response.status, failure });
    throw new WxpayUnavailableError(pathAndQuery, new Error(failure));
  }
  let data: Record<string, unknown> = {};
  if (text) {
    try {
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed === "object") data = parsed;
    } catch (error) {
      throw new WxpayUnavailableError(pathAndQuery, error);
    }
  }
  if (response.status >= 500) throw new WxpayUnavailableError(pathAndQuery, data.code);
  return { status: response.status, data };
}
