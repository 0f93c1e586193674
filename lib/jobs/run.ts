import "server-only";
import { type Clock, systemClock } from "@/lib/clock";
import { claimItem, processHolder, releaseClaim, WHOLE_STEP } from "@/lib/jobs/claims";
import type { JobStep } from "@/lib/jobs/step";
import { jobSteps } from "@/lib/jobs/steps";
import { describeError, log } from "@/lib/log";

export type StepOutcome =
  | { step: string; outcome: "done"; counts: Record<string, number>; ms: number }
  | { step: string; outcome: "leased_elsewhere" }
  | { step: string; outcome: "failed"; error: string };

export interface PassOptions {
  /** The pass's time (each step's `now`); later times come from `clock`. */
  now?: Date;
  clock?: Clock;
  /** Run only the step of this name. */
  only?: string;
  steps?: JobStep[];
  holder?: string;
}

async function runStep(step: JobStep, now: Date, clock: Clock, holder: string) {
  const exclusive = step.exclusiveLeaseMs;
  if (exclusive && !(await claimItem(step.name, WHOLE_STEP, { now, leaseMs: exclusive, holder })))
    return { step: step.name, outcome: "leased_elsewhere" } as const;
  const started = clock().getTime();
  try {
    const counts = await step.run({
      now,
      clock,
      holder,
      log: (event, fields = {}) => log.info(`job.${step.name}.${event}`, fields),
    });
    return { step: step.name, outcome: "done", counts, ms: clock().getTime() - started } as const;
  } finally {
    if (exclusive) await releaseClaim(step.name, WHOLE_STEP, holder);
  }
}

/**
 * One pass: every step (or only `only`) once, in order. A failing step is logged and the pass
 * goes on with the next; each step's outcome is logged as `job.step` and returned.
 */
export async function runJobPass(options: PassOptions = {}): Promise<StepOutcome[]> {
  const clock = options.clock ?? systemClock;
  const now = options.now ?? clock();
  const holder = options.holder ?? processHolder();
  const all = options.steps ?? jobSteps();
  const steps = options.only ? all.filter((step) => step.name === options.only) : all;
  if (options.only && steps.length === 0) throw new Error(`unknown job step: ${options.only}`);
  const outcomes: StepOutcome[] = [];
  for (const step of steps) {
    try {
      const outcome = await runStep(step, now, clock, holder);
      if (outcome.outcome === "done")
        log.info("job.step", { step: step.name, ms: outcome.ms, ...outcome.counts });
      else log.info("job.step", { step: step.name, outcome: outcome.outcome });
      outcomes.push(outcome);
    } catch (error) {
      log.error("job.step_failed", { step: step.name, ...describeError(error) });
      outcomes.push({
        step: step.name,
        outcome: "failed",
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return outcomes;
}
