// npm run payments:reconcile -- [minutes]: the `payments:reconcile` job step alone, settling
// viewing-fee attempts pending longer than `minutes` (default 15) from alipay.trade.query.
import { reconcilePaymentsStep } from "@/lib/jobs/steps";
import { runJobPassAndExit } from "./job-pass";

const argument = process.argv[2] ?? "15";
const minutes = Number(argument);
if (!/^\d+$/.test(argument) || minutes < 1) {
  console.error("usage: npm run payments:reconcile -- [minutes ≥ 1, default 15]");
  process.exit(2);
}

await runJobPassAndExit({ steps: [reconcilePaymentsStep(minutes)] });
