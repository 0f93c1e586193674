import v8 from "node:v8";
import vm from "node:vm";
import { sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { writeTransaction } from "@/db/write";
import { createOwner } from "@/tests/search-factory";
import { type SearchHouseParams, searchHouseParams } from "./params";
import { searchHouses } from "./search-houses";

// The legacy search kept every result set alive (the heap grew ~4 KB per search).
// Thousands of searches must leave the heap where it was. Its own file, so nothing else allocates.

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const CENTRE = { longitude: 104.066541, latitude: 30.572269 };

beforeAll(async () => {
  const owner = await createOwner();
  await writeTransaction(async (tx) => {
    for (let index = 0; index < 500; index++)
      await tx.run(sql`INSERT INTO houses (user_id, status, longitude, latitude, house_rent,
        house_rooms, description_title) VALUES (${owner.id}, 1,
        ${CENTRE.longitude + ((index % 25) - 12) * 0.002},
        ${CENTRE.latitude + (Math.floor(index / 25) - 10) * 0.002}, ${1000 + (index % 40) * 100},
        ${1 + (index % 4)}, ${`近地铁口精装房 ${index}`})`);
  });
});

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

test("searching does not retain results", async () => {
  const queries = [
    {},
    { sort: 2, count: 50 },
    { sort: 4, house_rooms: "1|2" },
    { house_name: "地铁口", count: 100 },
    { sort: 3, shift: 20 },
  ].map((extra) => searchHouseParams.parse({ ...CENTRE, ...extra }));
  const run = async (times: number) => {
    for (let index = 0; index < times; index++) {
      const results = await searchHouses(queries[index % queries.length] as SearchHouseParams);
      expect(results.length).toBeGreaterThan(0);
    }
  };
  await run(300); // warm-up: prepared statements, JIT
  const before = heapAfterGc();
  await run(2000);
  const grown = heapAfterGc() - before;
  // The legacy leak would have kept ~8 MB here.
  expect(grown).toBeLessThan(2 * 1024 * 1024);
}, 60_000);
