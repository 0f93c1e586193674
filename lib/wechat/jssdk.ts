import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { jsapiTicket } from "@/lib/wechat/platform-tokens";

export interface JssdkSignatureInput {
  ticket: string;
  nonceStr: string;
  timestamp: number;
  url: string;
}

/**
 * WeChat's JS-SDK signature: SHA-1 (hex) over `jsapi_ticket=…&noncestr=…&timestamp=…&url=…`,
 * keys in this ASCII order, values raw (not URL-escaped), the URL without its `#fragment`.
 */
export function jssdkSignature(input: JssdkSignatureInput): string {
  const url = input.url.split("#")[0];
  const plain = `jsapi_ticket=${input.ticket}&noncestr=${input.nonceStr}&timestamp=${input.timestamp}&url=${url}`;
  return createHash("sha1").update(plain).digest("hex");
}

export interface JssdkConfig {
  appId: string;
  timestamp: number;
  nonceStr: string;
  signature: string;
}

/**
 * The `wx.config` values for a page of ours. The URL is signed exactly as the page sends it
 * (`location.href` without the fragment), since WeChat compares it with the page it is on.
 */
export async function jssdkConfig(pageUrl: string, now: Date = new Date()): Promise<JssdkConfig> {
  let parsed: URL;
  try {
    parsed = new URL(pageUrl);
  } catch {
    throw ApiError.badParam("url", "不是有效的网址");
  }
  if (parsed.origin !== new URL(env().APP_URL).origin) {
    throw ApiError.badParam("url", "只能为本站页面签名");
  }
  const { appid, ticket } = await jsapiTicket(now);
  const timestamp = Math.floor(now.getTime() / 1000);
  const nonceStr = randomBytes(12).toString("hex");
  return {
    appId: appid,
    timestamp,
    nonceStr,
    signature: jssdkSignature({ ticket, nonceStr, timestamp, url: pageUrl }),
  };
}
