import "server-only";
import type { PaymentAttempt, Refund } from "@/db/schema";
import type { Clock } from "@/lib/clock";
import { alipayProvider } from "@/lib/payments/alipay-provider";
import type { PaymentProviderName } from "@/lib/payments/attempts";
import { wxpayProvider } from "@/lib/payments/wxpay/provider";

// The seam between the one state machine (lib/payments/settlement.ts) and each provider. Creating
// a payment (Alipay: a wap-pay URL; WeChat Pay: JSAPI prepay and paySign) and verifying a notify
// (Alipay: a signed form; WeChat Pay: signed headers and an encrypted JSON resource) are provider
// entry points of their own (payment-url.ts / notify.ts, wxpay/jsapi.ts / wxpay/notify.ts); both
// end in settlePaid/closeAttempt. Everything reconciliation and refunds need is here.

/** What the provider says about a trade. `missing`: it never heard of it. */
export interface TradeReport {
  state: "paid" | "open" | "closed" | "missing";
  amountCents: number | null;
  tradeNo?: string;
}

/** What the provider says about a refund. `missing`: no refund under this number exists. */
export interface RefundReport {
  state: "processing" | "succeeded" | "failed" | "missing";
  providerRefundId?: string;
  message?: string;
}

/**
 * Every method throws the provider's *UnavailableError when the outcome is unknown (network,
 * timeout, unverifiable answer); callers then settle it by querying later, never by resending.
 */
export interface PaymentProvider {
  queryTrade(attempt: PaymentAttempt, clock: Clock): Promise<TradeReport>;
  closeTrade(attempt: PaymentAttempt, clock: Clock): Promise<void>;
  refund(attempt: PaymentAttempt, refund: Refund, clock: Clock): Promise<RefundReport>;
  queryRefund(attempt: PaymentAttempt, refund: Refund, clock: Clock): Promise<RefundReport>;
}

export function paymentProvider(name: PaymentProviderName): PaymentProvider {
  return name === "wxpay" ? wxpayProvider : alipayProvider;
}

export function isProviderUnavailable(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === "AlipayUnavailableError" || error.name === "WxpayUnavailableError")
  );
}
