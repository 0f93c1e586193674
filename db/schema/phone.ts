import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { users } from "./users";

/**
 * SMS verification codes. The code, the number and the client address are stored only as keyed
 * hashes; the rows also count sends for the per-number and per-address limits.
 */
export const phoneCodes = sqliteTable(
  "phone_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    telHash: text("tel_hash").notNull(),
    purpose: text("purpose", { enum: ["profile", "viewing"] }).notNull(),
    codeHash: text("code_hash").notNull(),
    clientHash: text("client_hash").notNull(),
    userId: integer("user_id").references(() => users.id),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    consumedAt: integer("consumed_at", { mode: "timestamp_ms" }),
    failedAttempts: integer("failed_attempts").notNull().default(0),
  },
  (table) => [
    index("phone_codes_tel_idx").on(table.telHash, table.createdAt),
    index("phone_codes_client_idx").on(table.clientHash, table.createdAt),
  ],
);

/** The number a user proved with a code; the profile's tel is verified while it equals this. */
export const verifiedPhones = sqliteTable("verified_phones", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id),
  tel: text("tel").notNull(),
  verifiedAt: integer("verified_at", { mode: "timestamp_ms" }).notNull(),
});
