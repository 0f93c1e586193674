// npm run verifications:purge: deletes verification document images 180 days after the
// decision (the decision is kept). Safe to run repeatedly, e.g. daily from cron.
import { EnvError, env } from "@/lib/env";
import { purgeDecidedDocuments } from "@/lib/verifications/retention";

try {
  env();
  console.info(JSON.stringify(await purgeDecidedDocuments()));
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
