import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { users } from "./users";

/**
 * The inbox. `event_key` is unique per recipient, so one event notifies once however often the
 * code that reports it runs. Delivery beyond the inbox (a WeChat template message) is recorded
 * on the row by the `notifications:deliver` job step: `delivered_at` is set once it is settled.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    eventKey: text("event_key").notNull(),
    /** JSON object for the UI and the template fields; never phone or ID numbers or full names. */
    payload: text("payload").notNull(),
    /** Path inside the app (e.g. `/viewings`), made absolute with APP_URL for messages. */
    link: text("link"),
    createdAt: createdAt(),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    deliveredAt: integer("delivered_at", { mode: "timestamp_ms" }),
    /** "sent", "unreachable" (inbox only) or "failed" (gave up after repeated errors). */
    delivery: text("delivery", { enum: ["sent", "unreachable", "failed"] }),
    deliveryAttempts: integer("delivery_attempts").notNull().default(0),
  },
  (table) => [
    uniqueIndex("notifications_user_event_idx").on(table.userId, table.eventKey),
    index("notifications_user_idx").on(table.userId, table.id),
    index("notifications_undelivered_idx").on(table.id).where(sql`${table.deliveredAt} IS NULL`),
  ],
);

/**
 * Sandbox mode only: every message that would have left the system (template messages, SMS
 * codes), for tests and for a person at `/sandbox/outbox`.
 */
export const sandboxOutbox = sqliteTable("sandbox_outbox", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  channel: text("channel", { enum: ["wechat_template", "sms"] }).notNull(),
  /** `user:<id>` for notifications, the phone number for SMS. */
  recipient: text("recipient").notNull(),
  kind: text("kind").notNull(),
  body: text("body").notNull(),
  link: text("link"),
  createdAt: createdAt(),
});

export type Notification = typeof notifications.$inferSelect;
export type SandboxOutboxMessage = typeof sandboxOutbox.$inferSelect;
