import { execFileSync } from "node:child_process";
import path from "node:path";
import { e2eDataDir } from "../playwright.config";

// After every spec: the e2e server's ledger must agree with every payment, refund and payout
// the specs made (`npm run ledger:check` on its DATA_DIR). A difference fails the run.
export default function ledgerCheck(): void {
  execFileSync(
    path.join("node_modules", ".bin", "tsx"),
    ["--import", "./scripts/plain-node.mjs", "scripts/ledger-check.ts"],
    { env: { ...process.env, DATA_DIR: e2eDataDir, LOG_LEVEL: "error" }, stdio: "inherit" },
  );
}
