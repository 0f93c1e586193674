// The shared tail of the job commands (jobs:run, payments:reconcile, verifications:purge): one
// pass, its outcomes printed as JSON, exit 1 when a step failed or the environment is invalid.
import { EnvError, env } from "@/lib/env";
import { runJobPass } from "@/lib/jobs/run";

export async function runJobPassAndExit(options: Parameters<typeof runJobPass>[0]): Promise<void> {
  try {
    env();
    const outcomes = await runJobPass(options);
    console.info(JSON.stringify(outcomes));
    if (outcomes.some((outcome) => outcome.outcome === "failed")) process.exit(1);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
