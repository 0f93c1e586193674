import "server-only";
import { inArray, lte, sql } from "drizzle-orm";
import { rateLimitWindows } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import { type Clock, systemClock } from "@/lib/clock";

/** Expired windows deleted per check: the table stays near the number of live keys. */
const EXPIRED_ROWS_PER_CHECK = 50;

/**
 * A fixed-window request counter per key, kept in SQLite so the limit holds across every server
 * process on the machine (an in-memory counter would let each worker allow `limit`). Exceeding
 * `limit` requests within `windowMs` is status 10 / HTTP 429. `name` separates limiters that
 * count the same keys.
 */
export function rateLimiter(options: {
  name: string;
  limit: number;
  windowMs: number;
  clock?: Clock;
}) {
  const clock = options.clock ?? systemClock;
  return {
    async check(key: string): Promise<void> {
      const now = clock().getTime();
      const windowKey = `${options.name}:${key}`;
      const count = await writeTransaction(async (tx) => {
        const expired = tx
          .select({ key: rateLimitWindows.key })
          .from(rateLimitWindows)
          .where(lte(rateLimitWindows.resetAt, now))
          .limit(EXPIRED_ROWS_PER_CHECK);
        await tx.delete(rateLimitWindows).where(inArray(rateLimitWindows.key, expired)).run();
        // Every SET expression sees the row as it was, so both test the old window's end.
        const row = await tx
          .insert(rateLimitWindows)
          .values({ key: windowKey, count: 1, resetAt: now + options.windowMs })
          .onConflictDoUpdate({
            target: rateLimitWindows.key,
            set: {
              count: sql`CASE WHEN ${rateLimitWindows.resetAt} <= ${now} THEN 1 ELSE ${rateLimitWindows.count} + 1 END`,
              resetAt: sql`CASE WHEN ${rateLimitWindows.resetAt} <= ${now} THEN excluded.reset_at ELSE ${rateLimitWindows.resetAt} END`,
            },
          })
          .returning({ count: rateLimitWindows.count })
          .get();
        return row.count;
      });
      if (count > options.limit) throw ApiError.rateLimited();
    },
  };
}
