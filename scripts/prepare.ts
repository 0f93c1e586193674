// Runs once before the server starts (the custom server's primary process, `npm run dev`,
// `npm run db:migrate`): validates the environment, creates DATA_DIR, applies migrations and
// creates the sandbox's generated secrets. A sandbox with an empty database gets the demo
// listings, so a fresh clone shows a living map at once. Exits with the message on a bad
// environment.
import { migrateDatabase } from "@/db";
import { ensureSandboxAlipayKeys } from "@/lib/alipay/keys";
import { databaseIsEmpty, seedDemo } from "@/lib/demo/seed";
import { EnvError, env, isSandbox } from "@/lib/env";
import { authSecret, dataEncryptionKey } from "@/lib/secrets";
import { cleanupLeftovers } from "@/lib/storage/cleanup";
import { applyIdentityBackfill } from "@/lib/wechat/identities";

export async function prepareData(): Promise<void> {
  try {
    const settings = env();
    await migrateDatabase();
    authSecret();
    dataEncryptionKey();
    if (isSandbox()) ensureSandboxAlipayKeys();
    await applyIdentityBackfill();
    console.info(`zhizu: ${settings.APP_MODE} mode, data in ${settings.DATA_DIR}`);
    if (isSandbox() && (await databaseIsEmpty())) {
      const demo = await seedDemo();
      console.info(`zhizu: empty database, added demo data (${demo.houses} listings)`);
    }
    // What a crash left behind (temp uploads, .part files, unreferenced media) goes at each start.
    await cleanupLeftovers({ now: new Date() });
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
