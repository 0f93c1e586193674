import "server-only";
import { type Clock, systemClock } from "@/lib/clock";
import { claimItem, processHolder } from "@/lib/jobs/claims";
import { runJobPass } from "@/lib/jobs/run";
import type { JobStep } from "@/lib/jobs/step";
import { describeError, log } from "@/lib/log";

const SCHEDULER_STEP = "scheduler";
const SCHEDULER_KEY = "passes";
const PASS_INTERVAL_MS = 60_000;
/** The scheduler lease outlives two missed ticks, then another process takes over. */
const SCHEDULER_LEASE_MS = 3 * PASS_INTERVAL_MS;

export interface JobLoop {
  /** One tick: renew or take the scheduler lease and, when held, run a pass. */
  tick(): Promise<"ran" | "not_holder" | "busy">;
  /** Stops ticking (the lease simply expires, so another process takes over). */
  stop(): void;
}

/**
 * Runs a pass every minute in exactly one of the processes that call it: each tick claims the
 * scheduler lease in the database (renewing it when this process already holds it), and only
 * the holder runs passes. When the holder dies its lease expires and the next process to tick
 * takes over. A pass still running at the next tick is not overlapped.
 */
export function startJobLoop(
  options: {
    clock?: Clock;
    holder?: string;
    intervalMs?: number;
    steps?: JobStep[];
    /** false in tests, which call `tick()` themselves. */
    timer?: boolean;
  } = {},
): JobLoop {
  const clock = options.clock ?? systemClock;
  const holder = options.holder ?? processHolder();
  let running = false;
  const tick: JobLoop["tick"] = async () => {
    if (running) return "busy";
    running = true;
    try {
      const now = clock();
      const held = await claimItem(SCHEDULER_STEP, SCHEDULER_KEY, {
        now,
        leaseMs: SCHEDULER_LEASE_MS,
        holder,
      });
      if (!held) return "not_holder";
      await runJobPass({ now, clock, holder, steps: options.steps });
      return "ran";
    } finally {
      running = false;
    }
  };
  const safeTick = () =>
    tick().catch((error) => log.error("job.loop_tick_failed", describeError(error)));
  let timer: NodeJS.Timeout | undefined;
  if (options.timer !== false) {
    timer = setInterval(safeTick, options.intervalMs ?? PASS_INTERVAL_MS);
    timer.unref();
    void safeTick();
  }
  log.info("job.loop_started", { holder });
  return { tick, stop: () => clearInterval(timer) };
}
