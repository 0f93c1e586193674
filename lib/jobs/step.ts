import type { Clock } from "@/lib/clock";

interface JobContext {
  now: Date;
  /** Claims items of this step with `claimItem` under this holder. */
  holder: string;
  /** Logs an event of this step (`job.<step>.<event>`): identifiers and counts, never PII. */
  log: (event: string, fields?: Record<string, unknown>) => void;
  /** For steps that take time themselves (e.g. to stamp each delivery). */
  clock: Clock;
}

/**
 * A named unit of scheduled work. `run` is idempotent (a pass may be repeated or interrupted at
 * any point) and answers counts of what it did, which the pass logs.
 */
export interface JobStep {
  name: string;
  /**
   * Set for steps that do not claim their own items: the pass then holds a whole-step lease of
   * this length while the step runs, so only one process runs it at a time.
   */
  exclusiveLeaseMs?: number;
  run(context: JobContext): Promise<Record<string, number>>;
}
