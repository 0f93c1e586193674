import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";

/**
 * Leases on scheduled work: one row per (step, item) while a process holds it. A row whose
 * `expires_at` has passed may be taken over, so work held by a process that died is not lost.
 * Item key "*" is a whole-step lease; step "scheduler" holds the one process that runs passes.
 */
export const jobClaims = sqliteTable(
  "job_claims",
  {
    step: text("step").notNull(),
    itemKey: text("item_key").notNull(),
    holder: text("holder").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.step, table.itemKey] })],
);
