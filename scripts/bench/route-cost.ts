// tsx scripts/bench/route-cost.ts [--requests=20000]   (NODE_ENV=production, a temp DATA_DIR)
// CPU time per request of the route handlers themselves, called in-process with a Request as
// Next.js would (defineRoute: token check, parameters, the lib call, the envelope), without the
// HTTP server or Next's routing: what an endpoint adds on top of the framework's own cost.
// Seeds 2,000 listings; the authenticated routes use the token of an owner with listings.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const requests = Number(
  process.argv.find((arg) => arg.startsWith("--requests="))?.split("=")[1] ?? 20_000,
);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "zhizu-route-cost-"));
process.env.DATA_DIR = dataDir;
process.env.APP_MODE ??= "sandbox";
process.on("exit", () => fs.rmSync(dataDir, { recursive: true, force: true }));

const { databasePath, migrateDatabase, openSqliteFile } = await import("@/db");
const { issueToken } = await import("@/lib/auth/tokens");
const { seedListings } = await import("./seed");
const routes = {
  "/api/health": (await import("@/app/api/health/route")).GET,
  "/api/fetch_userinfo": (await import("@/app/api/fetch_userinfo/route")).GET,
  "/api/my_house_list": (await import("@/app/api/my_house_list/route")).GET,
};

await migrateDatabase();
const seeding = openSqliteFile(databasePath());
seedListings(seeding, 2000);
seeding.close();
const token = await issueToken(1);

const print = (line: string) => process.stdout.write(`${line}\n`);
print(`NODE_ENV=${process.env.NODE_ENV ?? ""}, ${requests} requests per route after a warm-up\n`);
print("| route | CPU per request |\n|---|---|");
for (const [route, handler] of Object.entries(routes)) {
  const call = async () => {
    const request = new Request(`http://127.0.0.1${route}`, { headers: { token } });
    const response = await handler(request as never);
    if (!response.ok) throw new Error(`${route}: HTTP ${response.status}`);
    await response.text();
  };
  for (let i = 0; i < 2000; i++) await call();
  const before = process.cpuUsage();
  for (let i = 0; i < requests; i++) await call();
  const used = process.cpuUsage(before);
  print(`| ${route} | ${((used.user + used.system) / requests).toFixed(1)} µs |`);
}
