import "server-only";
import { eq } from "drizzle-orm";
import { paymentAttempts, refunds, wxpayNotifications } from "@/db/schema";
import type { WriteTx } from "@/db/write";
import { type Clock, systemClock } from "@/lib/clock";
import { attemptByTradeNumber } from "@/lib/payments/attempts";
import { MAX_NOTIFY_BODY_CHARS, recordNotify } from "@/lib/payments/notify-tail";
import { recordRefundReport } from "@/lib/payments/refunds";
import { settlePaid } from "@/lib/payments/settlement";
import { refundStatusReport } from "@/lib/payments/wxpay/provider";
import { type WxpaySettings, wxpaySettings } from "@/lib/payments/wxpay/settings";
import {
  decryptResource,
  type SignatureHeaders,
  signatureHeadersOf,
  verifyWechatpaySignature,
} from "@/lib/payments/wxpay/signing";

// WeChat Pay's notify (TRANSACTION.SUCCESS and REFUND.*), at-least-once with retries over 24 h.
// Every delivery is stored raw with its signature headers and outcome. It is believed only when
// the signature over the raw body verifies with the WeChat Pay key its serial names, the
// timestamp is within five minutes, and the AEAD_AES_256_GCM resource decrypts with the APIv3
// key; then mchid, appid, a known out_trade_no of a WeChat Pay attempt and exactly its amount
// are checked. The answer follows the v3 contract: 204 when handled or already handled,
// otherwise 4xx/5xx with {"code":"FAIL","message":…} so WeChat Pay retries.

export interface WxpayNotifyResult {
  httpStatus: 204 | 400 | 401 | 500;
  outcome: string;
}

type Decided = WxpayNotifyResult & {
  notifyId?: string;
  eventType?: string;
  outTradeNo?: string;
  outRefundNo?: string;
  owedRefundAttemptId?: number;
};

const text = (value: unknown): string => (typeof value === "string" ? value.slice(0, 64) : "");
const handled = (outcome: string, extra: Partial<Decided> = {}): Decided => ({
  httpStatus: 204,
  outcome,
  ...extra,
});
const refused = (
  httpStatus: 400 | 401,
  outcome: string,
  extra: Partial<Decided> = {},
): Decided => ({
  httpStatus,
  outcome,
  ...extra,
});

interface Envelope {
  id: string;
  eventType: string;
  resource: Record<string, unknown>;
}

function parseEnvelope(rawBody: string): Envelope | null {
  try {
    const parsed = JSON.parse(rawBody);
    if (!parsed || typeof parsed !== "object" || typeof parsed.resource !== "object") return null;
    return { id: text(parsed.id), eventType: text(parsed.event_type), resource: parsed.resource };
  } catch {
    return null;
  }
}

function decrypt(
  resource: Record<string, unknown>,
  apiV3Key: string,
): Record<string, unknown> | null {
  if (resource.algorithm !== "AEAD_AES_256_GCM") return null;
  try {
    const plain = decryptResource(
      {
        ciphertext: String(resource.ciphertext ?? ""),
        associated_data: String(resource.associated_data ?? ""),
        nonce: String(resource.nonce ?? ""),
      },
      apiV3Key,
    );
    const parsed = JSON.parse(plain);
    return parsed && typeof parsed === "object" ? parsed : null;
  } catch {
    return null;
  }
}

async function applyTransaction(
  tx: WriteTx,
  settings: WxpaySettings,
  transaction: Record<string, unknown>,
): Promise<Decided> {
  const outTradeNo = text(transaction.out_trade_no);
  if (transaction.mchid !== settings.mchid) return refused(400, "wrong_mchid", { outTradeNo });
  if (!settings.appid || transaction.appid !== settings.appid)
    return refused(400, "wrong_appid", { outTradeNo });
  const attempt = await attemptByTradeNumber(tx, outTradeNo);
  if (attempt?.provider !== "wxpay") return refused(400, "unknown_trade", { outTradeNo });
  const amount = (transaction.amount ?? {}) as Record<string, unknown>;
  if (amount.total !== attempt.amountCents || (amount.currency ?? "CNY") !== "CNY")
    return refused(400, "amount_mismatch", { outTradeNo });
  if (transaction.trade_state !== "SUCCESS")
    return handled(`ignored_${text(transaction.trade_state) || "no_state"}`, { outTradeNo });
  const outcome = await settlePaid(tx, attempt, text(transaction.transaction_id) || undefined);
  return handled(outcome, {
    outTradeNo,
    owedRefundAttemptId: outcome === "paid_request_not_pending" ? attempt.id : undefined,
  });
}

async function applyRefund(
  tx: WriteTx,
  settings: WxpaySettings,
  notice: Record<string, unknown>,
  now: Date,
): Promise<Decided> {
  const outTradeNo = text(notice.out_trade_no);
  const outRefundNo = text(notice.out_refund_no);
  if (notice.mchid !== settings.mchid)
    return refused(400, "wrong_mchid", { outTradeNo, outRefundNo });
  const [refund] = outRefundNo
    ? await tx.select().from(refunds).where(eq(refunds.outRefundNo, outRefundNo)).limit(1)
    : [];
  const [attempt] = refund
    ? await tx.select().from(paymentAttempts).where(eq(paymentAttempts.id, refund.paymentAttemptId))
    : [];
  if (!refund || !attempt || attempt.outTradeNo !== outTradeNo)
    return refused(400, "unknown_refund", { outTradeNo, outRefundNo });
  const amount = (notice.amount ?? {}) as Record<string, unknown>;
  if (amount.refund !== refund.amountCents)
    return refused(400, "amount_mismatch", { outTradeNo, outRefundNo });
  const result = await recordRefundReport(tx, refund, attempt, refundStatusReport(notice), now);
  return handled(
    result === "recorded" ? `refund_${refundStatusReport(notice).state}` : "refund_unchanged",
    {
      outTradeNo,
      outRefundNo,
    },
  );
}

async function decide(
  tx: WriteTx,
  rawBody: string,
  headers: SignatureHeaders,
  now: Date,
): Promise<Decided> {
  const settings = wxpaySettings();
  if (!settings) return refused(400, "wxpay_not_configured");
  if (rawBody.length > MAX_NOTIFY_BODY_CHARS) return refused(400, "too_large");
  const failure = verifyWechatpaySignature(headers, rawBody, settings.platformKeys, now);
  if (failure) return refused(401, failure);
  const envelope = parseEnvelope(rawBody);
  if (!envelope) return refused(400, "bad_body");
  const ids = { notifyId: envelope.id, eventType: envelope.eventType };
  const resource = decrypt(envelope.resource, settings.apiV3Key);
  if (!resource) return refused(400, "undecryptable", ids);
  if (envelope.eventType === "TRANSACTION.SUCCESS")
    return { ...(await applyTransaction(tx, settings, resource)), ...ids };
  if (envelope.eventType.startsWith("REFUND."))
    return { ...(await applyRefund(tx, settings, resource, now)), ...ids };
  return { ...handled(`ignored_${envelope.eventType || "no_event"}`), ...ids };
}

export async function processWxpayNotify(
  rawBody: string,
  requestHeaders: Headers,
  clock: Clock = systemClock,
): Promise<WxpayNotifyResult> {
  const headers = signatureHeadersOf(requestHeaders);
  const now = clock();
  const result = await recordNotify(
    "wxpay.notify",
    (tx) => decide(tx, rawBody, headers, now),
    (tx, decided) =>
      tx.insert(wxpayNotifications).values({
        rawBody: rawBody.slice(0, MAX_NOTIFY_BODY_CHARS),
        signatureHeaders: JSON.stringify(headers).slice(0, 4096),
        notifyId: decided.notifyId || null,
        eventType: decided.eventType || null,
        outTradeNo: decided.outTradeNo || null,
        outRefundNo: decided.outRefundNo || null,
        outcome: decided.outcome,
      }),
    (decided) => ({ status: decided.httpStatus }),
  );
  return { httpStatus: result.httpStatus, outcome: result.outcome };
}
