import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { rateLimitWindows } from "@/db/schema";
import { rateLimiter } from "@/lib/api/rate-limit";

function clockAt(start: number) {
  const clock = { now: start, read: () => new Date(clock.now) };
  return clock;
}

describe("rateLimiter", () => {
  it("allows `limit` requests per key and window, then status 10 until the window ends", async () => {
    const clock = clockAt(1_000_000);
    const limiter = rateLimiter({ name: "t1", limit: 2, windowMs: 1000, clock: clock.read });
    await limiter.check("a");
    clock.now += 10;
    await limiter.check("a");
    await expect(limiter.check("a")).rejects.toMatchObject({ status: 10 });
    await limiter.check("b");
    clock.now = 1_001_000;
    await limiter.check("a");
    await limiter.check("a");
    await expect(limiter.check("a")).rejects.toMatchObject({ status: 10 });
  });

  it("counts in the database, so two limiters (as in two processes) share one count", async () => {
    const clock = clockAt(2_000_000);
    const first = rateLimiter({ name: "shared", limit: 3, windowMs: 1000, clock: clock.read });
    const second = rateLimiter({ name: "shared", limit: 3, windowMs: 1000, clock: clock.read });
    const other = rateLimiter({ name: "other", limit: 3, windowMs: 1000, clock: clock.read });
    await first.check("k");
    await second.check("k");
    await first.check("k");
    await expect(second.check("k")).rejects.toMatchObject({ status: 10 });
    await other.check("k"); // another limiter's count is separate
  });

  it("deletes expired windows as it goes, so the table does not grow without bound", async () => {
    const clock = clockAt(3_000_000);
    const limiter = rateLimiter({ name: "bounded", limit: 5, windowMs: 1000, clock: clock.read });
    const rows = async () =>
      (await db().select({ n: count() }).from(rateLimitWindows).get())?.n ?? 0;
    for (let i = 0; i < 200; i++) await limiter.check(`old-${i}`);
    expect(await rows()).toBeGreaterThanOrEqual(200);
    clock.now += 5000;
    for (let i = 0; i < 10; i++) await limiter.check(`new-${i}`);
    // Each check removes up to 50 expired rows: 200 old ones are gone after 4 checks.
    expect(await rows()).toBe(10);
  });
});
