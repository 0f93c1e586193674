// npm run payments:reconcile -- [minutes]: the `payments:reconcile` job step alone, settling
// viewing-fee attempts pending longer than `minutes` (default 15) from alipay.trade.query.
import { EnvError, env } from "@/lib/env";
import { runJobPass } from "@/lib/jobs/run";
import { reconcilePaymentsStep } from "@/lib/jobs/steps";

const argument = process.argv[2] ?? "15";
const minutes = Number(argument);
if (!/^\d+$/.test(argument) || minutes < 1) {
  console.error("usage: npm run payments:reconcile -- [minutes ≥ 1, default 15]");
  process.exit(2);
}

try {
  env();
  const outcomes = await runJobPass({ steps: [reconcilePaymentsStep(minutes)] });
  console.info(JSON.stringify(outcomes));
  if (outcomes.some((outcome) => outcome.outcome === "failed")) process.exit(1);
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
