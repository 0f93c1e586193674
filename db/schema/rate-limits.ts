import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Fixed-window request counters shared by every server process (`lib/api/rate-limit.ts`). A row
 * lives until its window ends; expired rows are deleted a few at a time by later checks.
 */
export const rateLimitWindows = sqliteTable(
  "rate_limit_windows",
  {
    /** `<limiter name>:<key>`, e.g. `login:203.0.113.7`. */
    key: text("key").primaryKey(),
    count: integer("count").notNull(),
    /** Unix milliseconds when this window ends. */
    resetAt: integer("reset_at").notNull(),
  },
  (table) => [index("rate_limit_windows_reset_at_idx").on(table.resetAt)],
);
