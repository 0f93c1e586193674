import "server-only";
import { randomToken } from "@/lib/alipay/ids";
import { chinaDateStamp } from "@/lib/china-time";

// Our numbers at the providers: 30 characters of [0-9A-Za-z], valid for both Alipay (≤64) and
// WeChat Pay (out_trade_no 6–32, out_refund_no ≤64), unique per attempt and per refund.

export function newOutTradeNo(): string {
  return `VR${chinaDateStamp()}${randomToken(10)}`;
}

export function newRefundNumber(): string {
  return `RF${chinaDateStamp()}${randomToken(10)}`;
}
