// `npm run db:seed`: fills an EMPTY database with demo landlords and listings (see README).
import { SeedRefusedError, seedDemo } from "@/lib/demo/seed";
import { EnvError, env } from "@/lib/env";

try {
  const started = Date.now();
  const summary = await seedDemo();
  console.info(
    `zhizu: demo data in ${env().DATA_DIR}: ${summary.landlords} landlords, ${summary.houses} listings, ${summary.photos} photos (${Date.now() - started} ms)`,
  );
} catch (error) {
  if (error instanceof SeedRefusedError || error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
