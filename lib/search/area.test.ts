import { beforeEach, describe, expect, test } from "vitest";
import { POST as searchCount } from "@/app/api/search_count/route";
import { POST as searchHouse } from "@/app/api/search_house/route";
import { POST as searchMap } from "@/app/api/search_map/route";
import { db } from "@/db";
import { houses } from "@/db/schema";
import { call } from "@/tests/helpers";
import { createListing } from "@/tests/search-factory";

// The area filter (区县), the visible-area search ("搜索此区域") and the result count.

const CHENGDU = { longitude: 104.066541, latitude: 30.572269 };
const JINJIANG = 510104;
const WUHOU = 510107;

async function listIds(query: Record<string, string | number>): Promise<number[]> {
  const { body } = await call(searchHouse, { path: "/api/search_house", query });
  expect(body.status, body.msg).toBe(0);
  return body.ans.map((item: { house_id: number }) => item.house_id);
}

async function count(query: Record<string, string | number>) {
  const { body } = await call(searchCount, { path: "/api/search_count", query });
  expect(body.status, body.msg).toBe(0);
  return body.ans as { count: number; more: boolean; area_has_listings: boolean };
}

beforeEach(async () => {
  await db().delete(houses);
});

describe("county_code", () => {
  test("the list and the map keep only listings in any chosen county", async () => {
    const jinjiang = await createListing({ countyCode: JINJIANG, longitude: 104.08 });
    const wuhou = await createListing({ countyCode: WUHOU, longitude: 104.05 });
    await createListing({ countyCode: 510106, longitude: 104.06 });
    expect(await listIds({ ...CHENGDU, county_code: JINJIANG })).toEqual([jinjiang.id]);
    expect((await listIds({ ...CHENGDU, county_code: `${JINJIANG}|${WUHOU}` })).sort()).toEqual(
      [jinjiang.id, wuhou.id].sort(),
    );
    const { body } = await call(searchMap, {
      path: "/api/search_map",
      query: { bbox: "103.9,30.4,104.3,30.8", zoom: 16, county_code: WUHOU },
    });
    expect(body.ans.markers.map((marker: { house_id: number }) => marker.house_id)).toEqual([
      wuhou.id,
    ]);
  });

  test("a code that is not six digits is status 2 naming the field", async () => {
    const { body } = await call(searchHouse, {
      path: "/api/search_house",
      query: { ...CHENGDU, county_code: "5101|abc" },
    });
    expect(body.status).toBe(2);
    expect(body.msg.startsWith("county_code:")).toBe(true);
  });
});

describe("bbox", () => {
  test("finds every listing in the area, however far from a centre, and nothing outside", async () => {
    // ~30 km apart: no default radius around either would hold both.
    const west = await createListing({ longitude: 103.8, latitude: 30.6 });
    const east = await createListing({ longitude: 104.1, latitude: 30.6 });
    await createListing({ longitude: 104.3, latitude: 30.6 });
    await createListing({ longitude: 104.0, latitude: 30.9 });
    const bbox = "103.7,30.5,104.2,30.7";
    expect((await listIds({ bbox, sort: 1 })).sort()).toEqual([east.id, west.id].sort());
    // Distance order is from the given point when there is one.
    expect(await listIds({ bbox, longitude: 103.81, latitude: 30.6 })).toEqual([west.id, east.id]);
    expect(await listIds({ bbox, longitude: 104.09, latitude: 30.6 })).toEqual([east.id, west.id]);
    for (const sort of [2, 3, 4, 5, 6])
      expect((await listIds({ bbox, sort })).sort()).toEqual([west.id, east.id].sort());
    expect(await count({ bbox })).toEqual({ count: 2, more: false, area_has_listings: true });
  });

  test("the same limits as /search_map: four numbers, at most 5 degrees", async () => {
    for (const bbox of ["1,2,3", "100,30,106,31"]) {
      const { body } = await call(searchHouse, { path: "/api/search_house", query: { bbox } });
      expect(body.status).toBe(2);
      expect(body.msg.startsWith("bbox:"), body.msg).toBe(true);
    }
  });
});

describe("search_count", () => {
  test("counts what the list finds, and says whether the area has listings at all", async () => {
    await createListing({ houseRent: 1500 });
    await createListing({ houseRent: 7000 });
    await createListing({ houseRent: 8000, status: 2 });
    expect(await count({ ...CHENGDU })).toEqual({
      count: 2,
      more: false,
      area_has_listings: true,
    });
    expect(await count({ ...CHENGDU, house_rent_fee: "[6000,]" })).toMatchObject({ count: 1 });
    expect(await count({ ...CHENGDU, house_rent_fee: "[9000,]" })).toEqual({
      count: 0,
      more: false,
      area_has_listings: true,
    });
    expect(await count({ loccity: 110100, house_rent_fee: "[9000,]" })).toEqual({
      count: 0,
      more: false,
      area_has_listings: false,
    });
  });
});
