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
    /** What the legacy status cannot express; see `ViewingPhase` in lib/viewings/states.ts. */
    phase: text("phase").notNull().default("awaiting_payment"),
    paidAt: integer("paid_at", { mode: "timestamp_ms" }),
    /** PIPL: the tenant's explicit consent to share this verified number with this landlord. */
    consentAt: integer("consent_at", { mode: "timestamp_ms" }),
    consentTel: text("consent_tel"),
    /** The tenant's preferred time: a date (YYYY-MM-DD) and morning | afternoon | evening. */
    preferredDate: text("preferred_date"),
    preferredSlot: text("preferred_slot"),
    message: text("message"),
    /** The landlord's first response (for the reliability figures). */
    landlordRespondedAt: integer("landlord_responded_at", { mode: "timestamp_ms" }),
    proposedDate: text("proposed_date"),
    proposedSlot: text("proposed_slot"),
    agreedDate: text("agreed_date"),
    agreedSlot: text("agreed_slot"),
    /** The end of the agreed slot, as an instant (Asia/Shanghai). */
    viewingAt: integer("viewing_at", { mode: "timestamp_ms" }),
    unreachableAt: integer("unreachable_at", { mode: "timestamp_ms" }),
    shownAt: integer("shown_at", { mode: "timestamp_ms" }),
    viewedAt: integer("viewed_at", { mode: "timestamp_ms" }),
    refundRequestedAt: integer("refund_requested_at", { mode: "timestamp_ms" }),
    refundReason: text("refund_reason"),
    refundText: text("refund_text"),
    /** Up to 3 private photo keys (private/u<tenantId>/…) sent with the refund request. */
    refundPhotos: text("refund_photos", { mode: "json" }).$type<string[]>(),
    /** Status and phase to return to when a refund request is rejected. */
    statusBeforeRefund: integer("status_before_refund"),
    phaseBeforeRefund: text("phase_before_refund"),
    refundApprovedAt: integer("refund_approved_at", { mode: "timestamp_ms" }),
    refundedAt: integer("refunded_at", { mode: "timestamp_ms" }),
    /** The tenant agreed that the landlord sees their Zhima score band for this request. */
    creditConsent: integer("credit_consent", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One open request per tenant and listing: pending payment, paid or refund requested. The
    // statuses are literals in the index's SQL: a partial index cannot take bound parameters.
    uniqueIndex("viewing_requests_open_unique")
      .on(t.tenantId, t.houseId)
      .where(
        sql`${t.status} in (${sql.raw([ViewingStatus.pending, ViewingStatus.paid, ViewingStatus.refundRequested].join(", "))})`,
      ),
    index("viewing_requests_phase_idx").on(t.status, t.phase),
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

/** What happened to a viewing request, who did it and when (responses, decisions, rules). */
export const viewingEvents = sqliteTable(
  "viewing_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    viewingRequestId: integer("viewing_request_id")
      .notNull()
      .references(() => viewingRequests.id),
    kind: text("kind").notNull(),
    /** The user who acted; null for an automatic rule (a job step). */
    actorId: integer("actor_id").references(() => users.id),
    actorRole: text("actor_role", { enum: ["tenant", "landlord", "admin", "system"] }).notNull(),
    detail: text("detail"),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("viewing_events_request_idx").on(t.viewingRequestId, t.at)],
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
    /** Set when the transfer pays out a withdrawal (提现); null for manual `pay_to_customer`. */
    withdrawalId: integer("withdrawal_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("payouts_out_biz_no_unique").on(t.outBizNo),
    uniqueIndex("payouts_withdrawal_unique").on(t.withdrawalId),
    check("payouts_amount_min", sql`${t.amountCents} >= 10`),
  ],
);

export type ViewingRequest = typeof viewingRequests.$inferSelect;
export type ViewingEvent = typeof viewingEvents.$inferSelect;
export type PaymentAttempt = typeof paymentAttempts.$inferSelect;
export type Payout = typeof payouts.$inferSelect;
