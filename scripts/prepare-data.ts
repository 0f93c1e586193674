// Runs before the server starts (npm start / npm run dev): validates the environment, creates
// DATA_DIR, applies migrations and creates the sandbox's generated secrets.
import { db } from "@/db";
import { EnvError, env } from "@/lib/env";
import { authSecret, dataEncryptionKey } from "@/lib/secrets";

try {
  const settings = env();
  db();
  authSecret();
  dataEncryptionKey();
  console.info(`zhizu: ${settings.APP_MODE} mode, data in ${settings.DATA_DIR}`);
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
