import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { houses } from "./houses";
import { users } from "./users";

/** Legacy numbers: 1 pending payment, 2 paid, 3 viewed, 4 refund requested, 5 refunded. */
export const ViewingStatus = {
  pending: 1,
  paid: 2,
  viewed: 3,
  refundRequested: 4,
  refunded: 5,
} as const;

export const viewingRequests = sqliteTable(
  "viewing_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    houseId: integer("house_id")
      .notNull()
      .references(() => houses.id),
    ownerId: integer("owner_id")
      .notNull()
      .references(() => users.id),
    tenantId: integer("tenant_id")
      .notNull()
      .references(() => users.id),
    status: integer("status").notNull().default(ViewingStatus.pending),
    paidAt: integer("paid_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One open (pending or paid) request per tenant and listing. The statuses are literals in the
    // index's SQL: a partial index cannot take bound parameters.
    uniqueIndex("viewing_requests_open_unique")
      .on(t.tenantId, t.houseId)
      .where(
        sql`${t.status} in (${sql.raw(String(ViewingStatus.pending))}, ${sql.raw(String(ViewingStatus.paid))})`,
      ),
    index("viewing_requests_owner_idx").on(t.ownerId, t.status),
    index("viewing_requests_tenant_idx").on(t.tenantId),
  ],
);

export const paymentAttempts = sqliteTable(
  "payment_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    viewingRequestId: integer("viewing_request_id")
      .notNull()
      .references(() => viewingRequests.id),
    outTradeNo: text("out_trade_no").notNull(),
    /** Which provider the attempt was created with; its out_trade_no lives there. */
    provider: text("provider", { enum: ["alipay", "wxpay"] })
      .notNull()
      .default("alipay"),
    amountCents: integer("amount_cents").notNull(),
    /** pending → paid | closed; paid → refunded (closed → paid when a late success arrives). */
    status: text("status", { enum: ["pending", "paid", "closed", "refunded"] })
      .notNull()
      .default("pending"),
    tradeNo: text("trade_no"),
    paidAt: integer("paid_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("payment_attempts_out_trade_no_unique").on(t.outTradeNo),
    index("payment_attempts_request_idx").on(t.viewingRequestId),
    index("payment_attempts_status_idx").on(t.status, t.createdAt),
    check("payment_attempts_amount_positive", sql`${t.amountCents} > 0`),
  ],
);

/** Every notify as received, append-only, for audit. */
export const alipayNotifications = sqliteTable(
  "alipay_notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    rawBody: text("raw_body").notNull(),
    outTradeNo: text("out_trade_no"),
    notifyId: text("notify_id"),
    outcome: text("outcome").notNull(),
    receivedAt: createdAt(),
  },
  (t) => [index("alipay_notifications_trade_idx").on(t.outTradeNo)],
);

export const alipayBindings = sqliteTable("alipay_bindings", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** 2088… user id for older apps; apps created after 2023 only receive open_id. */
  alipayUserId: text("alipay_user_id"),
  alipayOpenId: text("alipay_open_id"),
  accessTokenEncrypted: text("access_token_encrypted").notNull(),
  accessTokenExpiresAt: integer("access_token_expires_at", { mode: "timestamp_ms" }),
  zhimaScore: integer("zhima_score"),
  zhimaScoreAt: integer("zhima_score_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const alipayAuthStates = sqliteTable(
  "alipay_auth_states",
  {
    stateHash: text("state_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("alipay_auth_states_user_idx").on(t.userId)],
);

export const payouts = sqliteTable(
  "payouts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The caller's order_id, used as Alipay's out_biz_no: the idempotency key. */
    outBizNo: text("out_biz_no").notNull(),
    payeeType: text("payee_type").notNull(),
    payeeAccount: text("payee_account").notNull(),
    payeeName: text("payee_name"),
    amountCents: integer("amount_cents").notNull(),
    remark: text("remark"),
    status: text("status", { enum: ["pending", "success", "failed", "unknown"] })
      .notNull()
      .default("pending"),
    alipayOrderId: text("alipay_order_id"),
    resultMessage: text("result_message"),
    requestedBy: integer("requested_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("payouts_out_biz_no_unique").on(t.outBizNo),
    check("payouts_amount_min", sql`${t.amountCents} >= 10`),
  ],
);

export type ViewingRequest = typeof viewingRequests.$inferSelect;
export type PaymentAttempt = typeof paymentAttempts.$inferSelect;
export type Payout = typeof payouts.$inferSelect;
