// Usage: tsx scripts/check-schema-drift.ts (part of `npm run lint`)
// Fails when db/schema and the committed migrations disagree: `drizzle-kit check` for a broken
// migration history, then `drizzle-kit generate` into a copy of db/migrations, which must come
// out with no new migration (a schema change was committed without `npm run db:generate`).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const migrations = path.join(process.cwd(), "db", "migrations");
const copy = fs.mkdtempSync(path.join(os.tmpdir(), "zhizu-drift-"));
const list = (dir: string) => (fs.readdirSync(dir, { recursive: true }) as string[]).sort();

try {
  execFileSync("npx", ["drizzle-kit", "check"], { stdio: "inherit" });
  fs.cpSync(migrations, copy, { recursive: true });
  const config = path.join(copy, "drizzle.config.json");
  fs.writeFileSync(
    config,
    JSON.stringify({
      dialect: "sqlite",
      schema: path.join(process.cwd(), "db", "schema", "index.ts"),
      // drizzle-kit prefixes "./" to the folder, so it must be relative.
      out: path.relative(process.cwd(), copy),
      strict: true,
    }),
  );
  // drizzle-kit exits 0 on some errors, so its answer is read, not only its exit code.
  const output = execFileSync(
    "npx",
    ["drizzle-kit", "generate", `--config=${config}`, "--name=drift"],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  const added = list(copy).filter(
    (file) => file !== "drizzle.config.json" && !list(migrations).includes(file),
  );
  if (added.length > 0) {
    console.error(
      `db/schema differs from the committed migrations (drizzle-kit would add ${added.join(", ")}): run npm run db:generate`,
    );
    process.exit(1);
  }
  if (!output.includes("No schema changes")) {
    console.error(`drizzle-kit generate did not confirm the schema:\n${output}`);
    process.exit(1);
  }
  console.info("schema drift: none");
} finally {
  fs.rmSync(copy, { recursive: true, force: true });
}
