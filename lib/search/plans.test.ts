import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { rawStatement } from "@/db";
import { writeTransaction } from "@/db/write";
import { createOwner } from "@/tests/search-factory";
import { distanceKm } from "./geo";
import { type SearchHouseParams, searchHouseParams } from "./params";
import { CANDIDATE_CAP, COUNT_CAP, countHouses, searchHouses } from "./search-houses";

// Every query plan (text-driven, geo-driven, growing ring, sorted-index walk) must return exactly
// what a brute-force scan returns. Dense enough data makes each plan kick in.

const CENTRE = { longitude: 116.407526, latitude: 39.90403 };
const LISTINGS = 6000;

interface Row {
  id: number;
  status: number;
  longitude: number;
  latitude: number;
  house_rent: number;
  house_size: number;
  house_rooms: number;
  praise_count: number;
  created_at: number;
  description_title: string;
  description: string;
  district_name: string;
}

let rows: Row[] = [];

beforeAll(async () => {
  const owner = await createOwner();
  let state = 12345;
  const rand = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  await writeTransaction(async (tx) => {
    for (let index = 0; index < LISTINGS; index++) {
      const near = rand() < 0.8;
      // Drawn in this order, so the data set stays the same.
      const values = [
        owner.id,
        rand() < 0.9 ? 1 : Math.floor(rand() * 4),
        CENTRE.longitude + (rand() - 0.5) * (near ? 0.1 : 0.5),
        CENTRE.latitude + (rand() - 0.5) * (near ? 0.08 : 0.4),
        Math.round(rand() * 50) * 100, // many ties
        10 + Math.floor(rand() * 20),
        1 + Math.floor(rand() * 4),
        Math.floor(rand() * 5),
        1_700_000_000_000 + Math.floor(rand() * 1000) * 60_000,
        index % 2 === 0 ? "近地铁口精装" : index === 77 ? "独一无二的房子" : "安静两居",
        index % 5 === 0 ? "楼下有地铁站" : "家电齐全",
        index % 7 === 0 ? "朝阳花园" : "望江苑",
      ];
      await tx.run(sql`INSERT INTO houses (user_id, status, longitude, latitude, house_rent,
        house_size, house_rooms, praise_count, created_at, description_title, description,
        district_name) VALUES (${sql.join(
          values.map((value) => sql`${value}`),
          sql`, `,
        )})`);
    }
  });
  rows = await rawStatement<Row>("SELECT * FROM houses").all();
});

function bruteForce(params: SearchHouseParams): number[] {
  const matches = bruteMatches(params);
  return matches.slice(params.shift, params.shift + params.count).map((row) => row.id);
}

function bruteMatches(params: SearchHouseParams): Row[] {
  const centre = { longitude: params.longitude ?? 0, latitude: params.latitude ?? 0 };
  const text = params.house_name;
  const rent = params.house_rent_fee;
  const matches = rows.filter(
    (row) =>
      row.status === 1 &&
      distanceKm(centre, row) <= params.radius &&
      (!params.house_rooms || params.house_rooms.includes(row.house_rooms)) &&
      (rent?.min === undefined || row.house_rent >= rent.min) &&
      (rent?.max === undefined || row.house_rent <= rent.max) &&
      (!text ||
        [row.description_title, row.description, row.district_name].some((value) =>
          value.includes(text),
        )),
  );
  const keys: Record<number, (row: Row) => number> = {
    1: (row) => distanceKm(centre, row),
    2: (row) => -row.created_at,
    3: (row) => -row.praise_count,
    4: (row) => row.house_rent,
    5: (row) => -row.house_rent,
    6: (row) => row.house_size,
  };
  const key = keys[params.sort] as (row: Row) => number;
  const idDirection = [2, 3, 5].includes(params.sort) ? -1 : 1;
  matches.sort((a, b) => key(a) - key(b) || (a.id - b.id) * idDirection);
  return matches;
}

const cases: Record<string, Record<string, string | number>> = {
  "dense, default": {},
  "dense, small radius": { radius: 0.3 },
  "dense, filters": { house_rooms: "2|3", house_rent_fee: "[1000,3000]" },
  "dense, selective filter": { house_rent_fee: "[5000,5000]", house_rooms: "4" },
  "second page": { shift: 40, count: 30 },
  "far off centre": { longitude: 116.6, latitude: 40.05 },
  "text, 2 characters": { house_name: "朝阳" },
  "text, common phrase (per-row check)": { house_name: "近地铁口" },
  "text, rare phrase (FTS drives)": { house_name: "独一无二" },
  "text in description": { house_name: "地铁站", radius: 2 },
};

describe.each(Object.entries(cases))("%s", (_, extra) => {
  test.each([1, 2, 3, 4, 5, 6])("sort %i matches a brute-force scan", async (sort) => {
    const params = searchHouseParams.parse({ ...CENTRE, sort, ...extra });
    const expected = bruteForce(params);
    const actual = (await searchHouses(params)).map((item) => item.house_id);
    expect(actual).toEqual(expected);
  });
});

describe.each(Object.entries(cases))("count, %s", (_, extra) => {
  test.each([1, 4])("sort %i counts what a brute-force scan finds, up to the cap", async (sort) => {
    const params = searchHouseParams.parse({ ...CENTRE, sort, ...extra });
    const total = bruteMatches(params).length;
    expect(await countHouses(params)).toEqual({
      count: Math.min(total, COUNT_CAP),
      more: total > COUNT_CAP,
      area_has_listings: true,
    });
  });
});

test("the data is dense enough to exercise the sorted-index and per-row text plans", () => {
  const inTenKm = rows.filter((row) => row.status === 1 && distanceKm(CENTRE, row) <= 10);
  expect(inTenKm.length).toBeGreaterThan(CANDIDATE_CAP);
  const common = rows.filter((row) => row.description_title.includes("近地铁口"));
  expect(common.length).toBeGreaterThan(CANDIDATE_CAP);
});
