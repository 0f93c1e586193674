// npm run jobs:run [-- --step=<name>]: one pass of every scheduled job step (or of one), for
// cron or by hand. Steps hold their leases in the database, so this is safe beside a server.
import { jobSteps } from "@/lib/jobs/steps";
import { runJobPassAndExit } from "./job-pass";

const stepArgument = process.argv.slice(2).find((argument) => argument.startsWith("--step="));
const only = stepArgument?.slice("--step=".length);
const names = jobSteps().map((step) => step.name);
if (only !== undefined && !names.includes(only)) {
  console.error(`usage: npm run jobs:run [-- --step=<${names.join("|")}>]`);
  process.exit(2);
}

await runJobPassAndExit({ only });
