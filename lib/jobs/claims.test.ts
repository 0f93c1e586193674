import { describe, expect, it } from "vitest";
import { claimItem, releaseClaim } from "@/lib/jobs/claims";
import { runJobPass } from "@/lib/jobs/run";
import type { JobStep } from "@/lib/jobs/step";

const t0 = new Date("2026-03-01T08:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);

describe("claimItem", () => {
  it("gives an item to one holder until its lease expires, then to another", async () => {
    const lease = { leaseMs: 60_000 };
    expect(await claimItem("s", "1", { ...lease, now: t0, holder: "a" })).toBe(true);
    expect(await claimItem("s", "1", { ...lease, now: later(59_999), holder: "b" })).toBe(false);
    expect(await claimItem("s", "2", { ...lease, now: t0, holder: "b" })).toBe(true);
    expect(await claimItem("other", "1", { ...lease, now: t0, holder: "b" })).toBe(true);
    // a holder renews its own claim, pushing the expiry on
    expect(await claimItem("s", "1", { ...lease, now: later(30_000), holder: "a" })).toBe(true);
    expect(await claimItem("s", "1", { ...lease, now: later(60_000), holder: "b" })).toBe(false);
    // a's lease ran out (a died): b takes over, and a no longer holds it
    expect(await claimItem("s", "1", { ...lease, now: later(90_000), holder: "b" })).toBe(true);
    expect(await claimItem("s", "1", { ...lease, now: later(90_001), holder: "a" })).toBe(false);
  });

  it("of many concurrent claimants exactly one wins", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        claimItem("race", "x", { now: t0, leaseMs: 60_000, holder: `h${i}` }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("release frees only the holder's own claim", async () => {
    await claimItem("rel", "1", { now: t0, leaseMs: 60_000, holder: "a" });
    await releaseClaim("rel", "1", "b");
    expect(await claimItem("rel", "1", { now: t0, leaseMs: 60_000, holder: "b" })).toBe(false);
    await releaseClaim("rel", "1", "a");
    expect(await claimItem("rel", "1", { now: t0, leaseMs: 60_000, holder: "b" })).toBe(true);
  });
});

describe("runJobPass", () => {
  it("runs an exclusive step in one process at a time and reports every step's counts", async () => {
    let running = 0;
    let overlapped = false;
    const slow: JobStep = {
      name: "slow",
      exclusiveLeaseMs: 60_000,
      run: async () => {
        running += 1;
        if (running > 1) overlapped = true;
        await new Promise((resolve) => setTimeout(resolve, 50));
        running -= 1;
        return { did: 1 };
      },
    };
    const failing: JobStep = {
      name: "failing",
      run: async () => {
        throw new Error("boom");
      },
    };
    const [first, second] = await Promise.all([
      runJobPass({ now: t0, steps: [slow, failing], holder: "p1" }),
      runJobPass({ now: t0, steps: [slow, failing], holder: "p2" }),
    ]);
    expect(overlapped).toBe(false);
    const outcomes = [first?.[0]?.outcome, second?.[0]?.outcome].sort();
    expect(outcomes).toEqual(["done", "leased_elsewhere"]);
    expect(first?.[1]).toEqual({ step: "failing", outcome: "failed", error: "boom" });
    // released when done: the next pass runs it again
    const again = await runJobPass({ now: t0, steps: [slow], holder: "p2" });
    expect(again[0]).toMatchObject({ outcome: "done", counts: { did: 1 } });
  });

  it("runs only the named step, and refuses an unknown one", async () => {
    const ran: string[] = [];
    const step = (name: string): JobStep => ({
      name,
      run: async () => {
        ran.push(name);
        return {};
      },
    });
    await runJobPass({ now: t0, steps: [step("a"), step("b")], only: "b" });
    expect(ran).toEqual(["b"]);
    await expect(runJobPass({ steps: [step("a")], only: "c" })).rejects.toThrow("unknown");
  });
});
