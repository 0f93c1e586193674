import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { POST } from "@/app/api/search_map/route";
import { houses } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { call } from "@/tests/helpers";
import { createListing, createOwner } from "@/tests/search-factory";

const CITY_VIEW = "103.9,30.5,104.2,30.7";

async function map(query: Record<string, string | number>, legacy = false) {
  return call(POST, { path: legacy ? "/search_map" : "/api/search_map", query, legacy });
}

beforeEach(async () => {
  await writeTransaction((tx) => tx.delete(houses).run());
});

describe("markers", () => {
  test("few listings come back as markers; unpublished and out-of-view ones never", async () => {
    const inside = await createListing({ longitude: 104.0, latitude: 30.6, houseRent: 1800 });
    for (const status of [0, 2, 3])
      await createListing({ status, longitude: 104.0, latitude: 30.6 });
    await createListing({ longitude: 105, latitude: 30.6 });
    const { body } = await map({ bbox: CITY_VIEW, zoom: 12 });
    expect(body.status, body.msg).toBe(0);
    expect(body.ans).toEqual({
      markers: [{ house_id: inside.id, longitude: 104.0, latitude: 30.6, house_rent: 1800 }],
      clusters: [],
    });
  });

  test("the search filters apply", async () => {
    const two = await createListing({ longitude: 104.0, latitude: 30.6, houseRooms: 2 });
    await createListing({ longitude: 104.01, latitude: 30.6, houseRooms: 3 });
    const titled = await createListing({
      longitude: 104.02,
      latitude: 30.6,
      houseRooms: 4,
      descriptionTitle: "近地铁口",
    });
    const idsOf = async (query: Record<string, string | number>) =>
      (await map({ bbox: CITY_VIEW, zoom: 12, ...query })).body.ans.markers.map(
        (marker: { house_id: number }) => marker.house_id,
      );
    expect(await idsOf({ house_rooms: "2" })).toEqual([two.id]);
    expect(await idsOf({ house_name: "地铁口" })).toEqual([titled.id]);
    expect(await idsOf({ house_name: "地铁" })).toEqual([titled.id]);
  });
});

describe("clustering", () => {
  test("listings whose pins would overlap on a phone become one cluster", async () => {
    // 300 m apart: about 8 screen pixels at zoom 12, far apart at zoom 17.
    await createListing({ longitude: 104.0, latitude: 30.6, houseRent: 1800 });
    await createListing({ longitude: 104.003, latitude: 30.6, houseRent: 2500 });
    const city = (await map({ bbox: CITY_VIEW, zoom: 12 })).body.ans;
    expect(city.markers).toEqual([]);
    expect(city.clusters).toEqual([expect.objectContaining({ count: 2 })]);
    const street = (await map({ bbox: "103.99,30.59,104.01,30.61", zoom: 17 })).body.ans;
    expect(street.clusters).toEqual([]);
    expect(street.markers).toHaveLength(2);
  });

  test("many listings are clustered on the server, every listing counted once", async () => {
    const owner = await createOwner();
    const total = 3000;
    await writeTransaction(async (tx) => {
      for (let index = 0; index < total; index++)
        await tx.run(sql`INSERT INTO houses (user_id, status, longitude, latitude, house_rent)
          VALUES (${owner.id}, 1, ${103.95 + (index % 60) * 0.004},
          ${30.55 + Math.floor(index / 60) * 0.002}, 2000)`);
    });
    const response = await map({ bbox: CITY_VIEW, zoom: 11 });
    const { markers, clusters } = response.body.ans;
    expect(clusters.length).toBeGreaterThan(0);
    const counted =
      markers.length + clusters.reduce((sum: number, c: { count: number }) => sum + c.count, 0);
    expect(counted).toBe(total);
    expect(Buffer.byteLength(JSON.stringify(response.body))).toBeLessThan(50_000);
    // Zoomed in on a corner: fewer points in view, more of them as single markers.
    const close = (await map({ bbox: "103.949,30.549,103.969,30.559", zoom: 18 })).body.ans;
    const closeCount =
      close.markers.length +
      close.clusters.reduce((sum: number, c: { count: number }) => sum + c.count, 0);
    expect(closeCount).toBe(5 * 5);
    expect(close.markers.length).toBe(25);
  });
});

describe("validation", () => {
  test.each([
    [{ zoom: 12 }, "bbox"],
    [{ bbox: "103.9,30.5,104.2", zoom: 12 }, "bbox"],
    [{ bbox: "103.9,30.5,104.2,abc", zoom: 12 }, "bbox"],
    [{ bbox: "104.2,30.5,103.9,30.7", zoom: 12 }, "bbox"],
    [{ bbox: "103.9,30.7,104.2,30.5", zoom: 12 }, "bbox"],
    [{ bbox: "103.9,30.5,181,30.7", zoom: 12 }, "bbox"],
    [{ bbox: "100,30,110,31", zoom: 12 }, "bbox"],
    [{ bbox: CITY_VIEW }, "zoom"],
    [{ bbox: CITY_VIEW, zoom: 2 }, "zoom"],
    [{ bbox: CITY_VIEW, zoom: 19 }, "zoom"],
    [{ bbox: CITY_VIEW, zoom: 12.5 }, "zoom"],
    [{ bbox: CITY_VIEW, zoom: 12, house_rent_fee: "[9,1]" }, "house_rent_fee"],
  ])("%j → status 2 naming %s", async (query, field) => {
    const { http, body } = await map(query as Record<string, string | number>);
    expect(http).toBe(400);
    expect(body.status).toBe(2);
    expect(body.msg.startsWith(`${field}:`), body.msg).toBe(true);
  });

  test("the legacy path answers HTTP 200 for a bad bbox", async () => {
    const { http, body } = await map({ bbox: "1,2,3", zoom: 12 }, true);
    expect(http).toBe(200);
    expect(body.status).toBe(2);
  });
});
