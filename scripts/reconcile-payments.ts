// npm run payments:reconcile -- [minutes]: settles viewing-fee attempts pending longer than
// `minutes` (default 15) from alipay.trade.query. Safe to run repeatedly (e.g. from cron).
import { EnvError, env } from "@/lib/env";
import { reconcilePendingPayments } from "@/lib/payments/reconcile";

const argument = process.argv[2] ?? "15";
const minutes = Number(argument);
if (!/^\d+$/.test(argument) || minutes < 1) {
  console.error("usage: npm run payments:reconcile -- [minutes ≥ 1, default 15]");
  process.exit(2);
}

try {
  env();
  const summary = await reconcilePendingPayments(minutes);
  console.info(JSON.stringify(summary));
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
