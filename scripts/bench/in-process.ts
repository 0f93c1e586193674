// One bench size, in its own process (DATA_DIR and DATABASE_DRIVER are set by bench.ts): seed,
// then time the query mix and the reference query through the same lib call the route makes, on
// the driver the environment selects. `seeded` as the third argument reuses the listings of an
// earlier run on the same DATA_DIR. Prints JSON.
import fs from "node:fs";
import { databaseDriver, databasePath, migrateDatabase, openSqliteFile } from "@/db";
import { issueToken } from "@/lib/auth/tokens";
import { searchHouseParams } from "@/lib/search/params";
import { searchHouses } from "@/lib/search/search-houses";
import { type BenchQuery, QUERY_KINDS, queryMix, REFERENCE_QUERY } from "./queries";
import { seedListings } from "./seed";
import { percentile } from "./stats";

const size = Number(process.argv[2]);
const iterations = Number(process.argv[3] ?? 3000);
const seeded = process.argv[4] === "seeded";

await migrateDatabase();
const seedStart = performance.now();
if (!seeded) {
  // The bulk load goes through its own better-sqlite3 connection on either driver: it prepares
  // the file, it is not what is measured (libSQL reads the same SQLite file format).
  const sqlite = openSqliteFile(databasePath());
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -500000");
  seedListings(sqlite, size);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
}
const seedSeconds = (performance.now() - seedStart) / 1000;

async function time(queries: BenchQuery[]) {
  const byKind = new Map<string, number[]>();
  const all: number[] = [];
  let results = 0;
  const start = performance.now();
  for (const query of queries) {
    const began = performance.now();
    results += (await searchHouses(searchHouseParams.parse(query.params))).length;
    const ms = performance.now() - began;
    all.push(ms);
    const samples = byKind.get(query.name) ?? [];
    samples.push(ms);
    byKind.set(query.name, samples);
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    p50: percentile(all, 0.5),
    p95: percentile(all, 0.95),
    qps: queries.length / seconds,
    avgResults: results / queries.length,
    kinds: Object.fromEntries(
      [...byKind].map(([name, samples]) => [
        name,
        { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) },
      ]),
    ),
  };
}

await time(queryMix(300, 99)); // warm-up: page cache, prepared statements, JIT
// Best of three passes (lowest p95): the 2-core machine is shared, and a pass that overlaps
// someone else's build measures the scheduler rather than the search.
async function bestOf<T extends { p95: number }>(pass: () => Promise<T>): Promise<T> {
  const passes = [await pass(), await pass(), await pass()];
  return passes.reduce((best, next) => (next.p95 < best.p95 ? next : best));
}
const mix = await bestOf(() => time(queryMix(iterations)));
const reference = await bestOf(() => time(Array.from({ length: 2000 }, () => REFERENCE_QUERY)));

process.stdout.write(
  JSON.stringify({
    size,
    driver: databaseDriver(),
    seedSeconds,
    dbMegabytes: fs.statSync(databasePath()).size / 1_048_576,
    kinds: QUERY_KINDS,
    mix,
    reference,
    // The HTTP part's authenticated requests: the first seeded owner, who has listings.
    token: await issueToken(1),
  }),
);
