import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";

// State of the built-in Alipay sandbox (APP_MODE=sandbox only): what "Alipay" itself would hold.
// Nothing in the app reads these tables; only the sandbox gateway and its pages do.

/** A wap-pay trade as the sandbox cashier knows it, keyed like Alipay by app and out_trade_no. */
export const sandboxAlipayTrades = sqliteTable(
  "sandbox_alipay_trades",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Unguessable handle used by the checkout page and form. */
    ticket: text("ticket").notNull(),
    appId: text("app_id").notNull(),
    outTradeNo: text("out_trade_no").notNull(),
    tradeNo: text("trade_no").notNull(),
    subject: text("subject").notNull(),
    totalAmount: text("total_amount").notNull(),
    notifyUrl: text("notify_url"),
    returnUrl: text("return_url"),
    quitUrl: text("quit_url"),
    status: text("status", { enum: ["WAIT_BUYER_PAY", "TRADE_SUCCESS", "TRADE_CLOSED"] })
      .notNull()
      .default("WAIT_BUYER_PAY"),
    buyerId: text("buyer_id"),
    paidAt: integer("paid_at", { mode: "timestamp_ms" }),
    /** The merchant's answer to the last async notify ("success", "fail", or an error). */
    notifyAnswer: text("notify_answer"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("sandbox_alipay_trades_ticket_unique").on(t.ticket),
    uniqueIndex("sandbox_alipay_trades_out_trade_no_unique").on(t.appId, t.outTradeNo),
  ],
);

/** Authorisations granted on the sandbox authorize page: auth_code → access token. */
export const sandboxAlipayGrants = sqliteTable(
  "sandbox_alipay_grants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    appId: text("app_id").notNull(),
    authCode: text("auth_code").notNull(),
    accessToken: text("access_token").notNull(),
    alipayUserId: text("alipay_user_id").notNull(),
    openId: text("open_id").notNull(),
    scope: text("scope").notNull(),
    codeUsedAt: integer("code_used_at", { mode: "timestamp_ms" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("sandbox_alipay_grants_code_unique").on(t.authCode),
    uniqueIndex("sandbox_alipay_grants_token_unique").on(t.accessToken),
  ],
);

/** Company-to-person transfers the sandbox "executed", keyed like Alipay by out_biz_no. */
export const sandboxAlipayTransfers = sqliteTable(
  "sandbox_alipay_transfers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    appId: text("app_id").notNull(),
    outBizNo: text("out_biz_no").notNull(),
    orderId: text("order_id").notNull(),
    transAmount: text("trans_amount").notNull(),
    identityType: text("identity_type").notNull(),
    identity: text("identity").notNull(),
    status: text("status", { enum: ["SUCCESS", "FAIL"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("sandbox_alipay_transfers_out_biz_no_unique").on(t.appId, t.outBizNo),
    index("sandbox_alipay_transfers_created_idx").on(t.createdAt),
  ],
);

/**
 * transaction_id values the sandbox's zhima.credit.score.get has seen: Alipay refuses a reused
 * one, across every server process. Rows older than a day are deleted by later calls.
 */
export const sandboxZhimaTransactions = sqliteTable(
  "sandbox_zhima_transactions",
  {
    transactionId: text("transaction_id").primaryKey(),
    createdAt: createdAt(),
  },
  (t) => [index("sandbox_zhima_transactions_created_idx").on(t.createdAt)],
);
