// npm run ledger:check: verifies the earnings ledger against payments, refunds and payouts in
// DATA_DIR's database; prints every difference and exits 1 when there is any.
import { checkLedger } from "@/lib/earnings/check";

const problems = await checkLedger();
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`ledger:check: ${problems.length} difference(s)`);
  process.exit(1);
}
console.info("ledger:check: the ledger agrees with payments, refunds and payouts");
