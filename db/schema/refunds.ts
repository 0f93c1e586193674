import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { paymentAttempts } from "./payments";

/**
 * Full refunds of a paid attempt, one row per attempt. `out_refund_no` is sent to the provider
 * (Alipay `out_request_no`, WeChat Pay `out_refund_no`) and is the idempotency key there.
 * pending: owed, not sent yet · unknown: sent, answer not known (settled by the refund query,
 * never by a new refund) · processing: accepted, not final · succeeded · failed.
 */
export const refunds = sqliteTable(
  "refunds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    paymentAttemptId: integer("payment_attempt_id")
      .notNull()
      .references(() => paymentAttempts.id),
    provider: text("provider", { enum: ["alipay", "wxpay"] }).notNull(),
    outRefundNo: text("out_refund_no").notNull(),
    amountCents: integer("amount_cents").notNull(),
    reason: text("reason").notNull(),
    status: text("status", {
      enum: ["pending", "unknown", "processing", "succeeded", "failed"],
    })
      .notNull()
      .default("pending"),
    providerRefundId: text("provider_refund_id"),
    resultMessage: text("result_message"),
    succeededAt: integer("succeeded_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("refunds_out_refund_no_unique").on(t.outRefundNo),
    uniqueIndex("refunds_attempt_unique").on(t.paymentAttemptId),
    index("refunds_status_idx").on(t.status),
    check("refunds_amount_positive", sql`${t.amountCents} > 0`),
  ],
);

/** Every WeChat Pay notify as received (raw body and signature headers), append-only. */
export const wxpayNotifications = sqliteTable(
  "wxpay_notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    rawBody: text("raw_body").notNull(),
    /** The Wechatpay-Timestamp/Nonce/Serial/Signature headers as JSON. */
    signatureHeaders: text("signature_headers").notNull(),
    notifyId: text("notify_id"),
    eventType: text("event_type"),
    outTradeNo: text("out_trade_no"),
    outRefundNo: text("out_refund_no"),
    outcome: text("outcome").notNull(),
    receivedAt: createdAt(),
  },
  (t) => [index("wxpay_notifications_trade_idx").on(t.outTradeNo)],
);

// State of the built-in WeChat Pay sandbox (APP_MODE=sandbox only), as WeChat Pay would hold it.

export const sandboxWxpayTrades = sqliteTable(
  "sandbox_wxpay_trades",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    mchid: text("mchid").notNull(),
    appid: text("appid").notNull(),
    outTradeNo: text("out_trade_no").notNull(),
    prepayId: text("prepay_id").notNull(),
    transactionId: text("transaction_id").notNull(),
    description: text("description").notNull(),
    totalFen: integer("total_fen").notNull(),
    openid: text("openid").notNull(),
    notifyUrl: text("notify_url").notNull(),
    timeExpire: text("time_expire"),
    tradeState: text("trade_state", { enum: ["NOTPAY", "SUCCESS", "CLOSED", "REFUND"] })
      .notNull()
      .default("NOTPAY"),
    successAt: integer("success_at", { mode: "timestamp_ms" }),
    /** HTTP status of the merchant's answer to the last notify. */
    notifyAnswer: text("notify_answer"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("sandbox_wxpay_trades_out_trade_no_unique").on(t.mchid, t.outTradeNo),
    uniqueIndex("sandbox_wxpay_trades_prepay_unique").on(t.prepayId),
  ],
);

/** Refunds of both sandboxes, keyed like the providers by trade and refund number. */
export const sandboxRefunds = sqliteTable(
  "sandbox_refunds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    provider: text("provider", { enum: ["alipay", "wxpay"] }).notNull(),
    merchant: text("merchant").notNull(),
    outTradeNo: text("out_trade_no").notNull(),
    outRefundNo: text("out_refund_no").notNull(),
    refundId: text("refund_id").notNull(),
    amountFen: integer("amount_fen").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("sandbox_refunds_number_unique").on(t.provider, t.merchant, t.outRefundNo)],
);

export type Refund = typeof refunds.$inferSelect;
