import gcoord from "gcoord";
import { beforeEach, describe, expect, test } from "vitest";
import { POST } from "@/app/api/search_house/route";
import { rawStatement } from "@/db";
import { houses } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { call } from "@/tests/helpers";
import { addPhoto, createListing, createOwner } from "@/tests/search-factory";
import { EARTH_RADIUS_KM } from "./geo";

const CENTRE = { longitude: 104.066541, latitude: 30.572269 };
const at = { longitude: CENTRE.longitude, latitude: CENTRE.latitude };
/** Degrees of latitude for a distance in km (a meridian is a great circle). */
const northKm = (km: number) => ((km / EARTH_RADIUS_KM) * 180) / Math.PI;

async function search(query: Record<string, string | number> = {}, legacy = false) {
  return call(POST, { path: "/api/search_house", query: { ...at, ...query }, legacy });
}

async function ids(query: Record<string, string | number> = {}): Promise<number[]> {
  const { body } = await search(query);
  expect(body.status, body.msg).toBe(0);
  return body.ans.map((item: { house_id: number }) => item.house_id);
}

async function expectBadParam(query: Record<string, string | number>, field: string) {
  const { http, body } = await call(POST, { path: "/api/search_house", query });
  expect(body.status).toBe(2);
  expect(http).toBe(400);
  expect(body.msg.startsWith(`${field}:`), body.msg).toBe(true);
}

beforeEach(async () => {
  await writeTransaction((tx) => tx.delete(houses).run());
});

describe("response", () => {
  test("legacy fields plus title, community, coordinates, rooms and cover thumbnail", async () => {
    const owner = await createOwner(2);
    const house = await createListing({
      userId: owner.id,
      latitude: CENTRE.latitude + northKm(1),
      createdAt: new Date("2024-01-01T17:30:00Z"), // 01:30 on 2 January in Shanghai
      descriptionTitle: "精装两居",
      districtName: "锦绣家园",
      praiseCount: 3,
    });
    await addPhoto(house.id, owner.id, 2);
    const first = await addPhoto(house.id, owner.id, 1);
    const now = Date.now();
    const { body } = await search();
    expect(body.status).toBe(0);
    expect(body.ans).toHaveLength(1);
    const item = body.ans[0];
    expect(item).toMatchObject({
      house_id: house.id,
      house_rent: 2000,
      house_size: 50,
      house_type: "2室1厅",
      payment_type: "1|3",
      praise_count: 3,
      status: 1,
      create_date: "2024-01-02",
      user_type: 2,
      photos: [`/api/file/${first.storageKey}`, `/api/file/public/photo-${house.id}-2.jpg`],
      title: "精装两居",
      community: "锦绣家园",
      longitude: CENTRE.longitude,
      latitude: house.latitude,
      house_rooms: 2,
      rent_room_type: 1,
      cover_thumb_url: `/api/file/${first.thumbKey}`,
    });
    expect(item.distance).toBeCloseTo(1, 9);
    const expectedDuration = (now - Date.parse("2024-01-01T17:30:00Z")) / 1000;
    expect(Math.abs(item.duration - expectedDuration)).toBeLessThan(5);
  });

  test("the cover photo's thumbnail wins over the first photo", async () => {
    const owner = await createOwner();
    const house = await createListing({ userId: owner.id });
    await addPhoto(house.id, owner.id, 1);
    const cover = await addPhoto(house.id, owner.id, 2);
    await writeTransaction((tx) => tx.update(houses).set({ coverPhotoId: cover.id }).run());
    const { body } = await search();
    expect(body.ans[0].cover_thumb_url).toBe(`/api/file/${cover.thumbKey}`);
  });

  test("only published listings are returned (draft, offline and deleted never)", async () => {
    const published = await createListing({ status: 1 });
    for (const status of [0, 2, 3]) await createListing({ status });
    expect(await ids()).toEqual([published.id]);
  });

  test("the geo index follows status and coordinate changes", async () => {
    const house = await createListing();
    await writeTransaction((tx) => tx.update(houses).set({ status: 2 }).run());
    expect(await ids()).toEqual([]);
    await writeTransaction((tx) => tx.update(houses).set({ status: 1 }).run());
    expect(await ids()).toEqual([house.id]);
    await writeTransaction((tx) =>
      tx.update(houses).set({ longitude: 116.407526, latitude: 39.90403 }).run(),
    );
    expect(await ids()).toEqual([]);
    expect(await ids({ longitude: 116.407526, latitude: 39.90403 })).toEqual([house.id]);
    await writeTransaction((tx) => tx.update(houses).set({ status: 3 }).run());
    expect(await ids({ longitude: 116.407526, latitude: 39.90403 })).toEqual([]);
    expect(await rawStatement("SELECT count(*) AS n FROM houses_geo").get()).toEqual({ n: 0 });
  });

  test("the endpoint is public and ignores any token", async () => {
    const house = await createListing();
    const { body } = await call(POST, {
      path: "/api/search_house",
      query: at,
      token: "not-a-token",
    });
    expect(body.ans.map((item: { house_id: number }) => item.house_id)).toEqual([house.id]);
  });
});

describe("filters", () => {
  test("rent range: closed, open below, open above, inclusive, decimals and whitespace", async () => {
    const cheap = await createListing({ houseRent: 800 });
    const mid = await createListing({ houseRent: 2000 });
    const dear = await createListing({ houseRent: 5000 });
    const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
    expect(sorted(await ids({ house_rent_fee: "[800,2000]" }))).toEqual([cheap.id, mid.id]);
    expect(sorted(await ids({ house_rent_fee: "[,2000]" }))).toEqual([cheap.id, mid.id]);
    expect(sorted(await ids({ house_rent_fee: "[2000,]" }))).toEqual([mid.id, dear.id]);
    expect(await ids({ house_rent_fee: "[ 1999.5 , 2000.5 ]" })).toEqual([mid.id]);
    expect(await ids({ house_rent_fee: "[2000.5,4999.5]" })).toEqual([]);
    expect(sorted(await ids({ house_rent_fee: "[,]" }))).toEqual([cheap.id, mid.id, dear.id]);
  });

  test("size range", async () => {
    const small = await createListing({ houseSize: 20 });
    const big = await createListing({ houseSize: 100 });
    expect(await ids({ house_size: "[10, 50]" })).toEqual([small.id]);
    expect(await ids({ house_size: "[50,]" })).toEqual([big.id]);
    expect(await ids({ house_size: "[,20]" })).toEqual([small.id]);
  });

  test("rent-time type (the legacy filter named a missing column)", async () => {
    const short = await createListing({ rentTimeType: 1 });
    const long = await createListing({ rentTimeType: 2 });
    expect(await ids({ house_rent_time_type: 1 })).toEqual([short.id]);
    expect(await ids({ house_rent_time_type: 2 })).toEqual([long.id]);
    expect(await ids({ house_rent_time_type: -1 })).toHaveLength(2);
  });

  test("room type multi-select", async () => {
    const whole = await createListing({ rentRoomType: 1 });
    const room = await createListing({ rentRoomType: 2 });
    expect(await ids({ house_rent_room_type: "2" })).toEqual([room.id]);
    expect((await ids({ house_rent_room_type: "1|2" })).sort()).toEqual([whole.id, room.id].sort());
  });

  test("house_source filters the listing's own source, not the owner's user type", async () => {
    const agent = await createOwner(3);
    const direct = await createListing({ userId: agent.id, houseSource: 1 });
    const sublet = await createListing({ houseSource: 3 });
    expect(await ids({ house_source: "1" })).toEqual([direct.id]);
    expect(await ids({ house_source: "3" })).toEqual([sublet.id]);
    expect(await ids({ house_source: "2" })).toEqual([]);
    expect((await ids({ house_source: "1|3" })).sort()).toEqual([direct.id, sublet.id].sort());
  });

  test("bedrooms multi-select", async () => {
    const one = await createListing({ houseRooms: 1 });
    await createListing({ houseRooms: 2 });
    const three = await createListing({ houseRooms: 3 });
    expect((await ids({ house_rooms: "1|3" })).sort()).toEqual([one.id, three.id].sort());
  });

  test("direction and decoration match any selected value exactly", async () => {
    const south = await createListing({ houseDirection: "南", houseDecoration: "精装" });
    const northSouth = await createListing({ houseDirection: "南北", houseDecoration: "简装" });
    expect(await ids({ house_direction: "南" })).toEqual([south.id]);
    expect((await ids({ house_direction: "南|南北" })).sort()).toEqual(
      [south.id, northSouth.id].sort(),
    );
    expect(await ids({ house_decoration: "简装" })).toEqual([northSouth.id]);
    expect(await ids({ house_direction: "南%" })).toEqual([]);
  });

  test("features: a listing with ANY selected tag matches, tags are whole values", async () => {
    const both = await createListing({ houseCharacteristic: "1|2" });
    const only3 = await createListing({ houseCharacteristic: "3" });
    await createListing({ houseCharacteristic: "12|23" });
    await createListing({ houseCharacteristic: null });
    expect(await ids({ house_characteristic: "1" })).toEqual([both.id]);
    expect(await ids({ house_characteristic: "2" })).toEqual([both.id]);
    expect((await ids({ house_characteristic: "3|1" })).sort()).toEqual([both.id, only3.id].sort());
  });

  test("subdistrict and subway station are single values; -1 means off", async () => {
    const a = await createListing({ subdistrictCode: 11, subwayStationCode: 21 });
    const b = await createListing({ subdistrictCode: 12, subwayStationCode: 22 });
    expect(await ids({ subdistrict_code: 11 })).toEqual([a.id]);
    expect(await ids({ subway_station_code: 22 })).toEqual([b.id]);
    expect(await ids({ subdistrict_code: -1 })).toHaveLength(2);
  });

  test("house_type is a substring of the layout, with LIKE wildcards literal", async () => {
    const two = await createListing({ houseType: "2室1厅" });
    const three = await createListing({ houseType: "3室2厅" });
    expect(await ids({ house_type: "2室" })).toEqual([two.id]);
    expect(await ids({ house_type: "3室2厅" })).toEqual([three.id]);
    expect(await ids({ house_type: "_室" })).toEqual([]);
  });

  test("filters combine with AND", async () => {
    const match = await createListing({ houseRent: 3000, houseRooms: 2, houseSource: 1 });
    await createListing({ houseRent: 3000, houseRooms: 2, houseSource: 2 });
    await createListing({ houseRent: 9000, houseRooms: 2, houseSource: 1 });
    await createListing({ houseRent: 3000, houseRooms: 4, houseSource: 1 });
    expect(
      await ids({ house_rent_fee: "[2000,4000]", house_rooms: "1|2", house_source: "1|3" }),
    ).toEqual([match.id]);
  });
});

describe("text search (house_name)", () => {
  test("3+ characters use FTS over title, description and community", async () => {
    const title = await createListing({ descriptionTitle: "近地铁口精装房" });
    const description = await createListing({ description: "步行到地铁口五分钟" });
    const community = await createListing({ districtName: "地铁口花园" });
    await createListing({ descriptionTitle: "安静小区" });
    expect((await ids({ house_name: "地铁口" })).sort()).toEqual(
      [title.id, description.id, community.id].sort(),
    );
    const [row] = await rawStatement<{ n: number }>(
      "SELECT count(*) AS n FROM houses_fts WHERE houses_fts MATCH '\"地铁口\"'",
    ).all();
    expect(row?.n).toBe(3);
  });

  test("1–2 characters (which trigram cannot match) use LIKE", async () => {
    const chaoyang = await createListing({ districtName: "朝阳小区" });
    await createListing({ districtName: "海淀小区" });
    expect(await ids({ house_name: "朝阳" })).toEqual([chaoyang.id]);
    expect(await ids({ house_name: "朝" })).toEqual([chaoyang.id]);
  });

  test("LIKE wildcards and FTS syntax in the query are literal", async () => {
    const percent = await createListing({ descriptionTitle: "押金50%优惠" });
    const underscore = await createListing({ descriptionTitle: "a_b" });
    await createListing({ descriptionTitle: "押金5000元", description: "axb" });
    const quoted = await createListing({ descriptionTitle: '他说"好房"OR NOT' });
    expect(await ids({ house_name: "%" })).toEqual([percent.id]);
    expect(await ids({ house_name: "0%" })).toEqual([percent.id]);
    expect(await ids({ house_name: "_" })).toEqual([underscore.id]);
    expect(await ids({ house_name: "a_b" })).toEqual([underscore.id]);
    expect(await ids({ house_name: '"好房"' })).toEqual([quoted.id]);
    expect(await ids({ house_name: "OR NOT" })).toEqual([quoted.id]);
    expect(await ids({ house_name: "押金 OR" })).toEqual([]);
  });

  test("the FTS index follows updates and deletes of listings", async () => {
    const house = await createListing({ descriptionTitle: "阳光花园南向" });
    expect(await ids({ house_name: "阳光花园" })).toEqual([house.id]);
    await writeTransaction((tx) => tx.update(houses).set({ descriptionTitle: "翠苑北向" }).run());
    expect(await ids({ house_name: "阳光花园" })).toEqual([]);
    expect(await ids({ house_name: "翠苑北" })).toEqual([house.id]);
    await writeTransaction((tx) => tx.delete(houses).run());
    const ftsRows = await rawStatement(
      "SELECT rowid FROM houses_fts WHERE houses_fts MATCH '\"翠苑北\"'",
    ).all();
    expect(ftsRows).toEqual([]);
  });
});

describe("location and radius", () => {
  test("a listing exactly at the radius is included, one metre beyond is not", async () => {
    const edge = await createListing({ latitude: CENTRE.latitude + northKm(3) });
    const beyond = await createListing({ latitude: CENTRE.latitude + northKm(3.001) });
    expect(await ids({ radius: 3 })).toEqual([edge.id]);
    expect((await ids({ radius: 3.001 })).sort()).toEqual([edge.id, beyond.id].sort());
  });

  test("radius defaults to 10 km and allows up to 50", async () => {
    const near = await createListing({ latitude: CENTRE.latitude + northKm(9.9) });
    const far = await createListing({ latitude: CENTRE.latitude + northKm(49) });
    expect(await ids()).toEqual([near.id]);
    expect(await ids({ radius: 50 })).toEqual([near.id, far.id]);
  });

  test("coord_type=wgs84 converts the centre to GCJ-02", async () => {
    const wgs = { longitude: 116.397428, latitude: 39.90923 };
    const [longitude, latitude] = gcoord.transform(
      [wgs.longitude, wgs.latitude],
      gcoord.WGS84,
      gcoord.GCJ02,
    );
    const house = await createListing({ longitude, latitude });
    const query = { ...wgs, radius: 0.05 };
    expect(await ids({ ...query, coord_type: "wgs84" })).toEqual([house.id]);
    // Read as GCJ-02 the same numbers are ~500 m off, outside a 50 m radius.
    expect(await ids(query)).toEqual([]);
  });

  test("loccity uses the city's centre, including the legacy Chengdu key", async () => {
    const chengdu = await createListing();
    const beijing = await createListing({ longitude: 116.407526, latitude: 39.90403 });
    const byCity = async (loccity: number) => {
      const { body } = await call(POST, { path: "/api/search_house", query: { loccity } });
      expect(body.status, body.msg).toBe(0);
      return body.ans.map((item: { house_id: number }) => item.house_id);
    };
    expect(await byCity(510100)).toEqual([chengdu.id]);
    expect(await byCity(100010001)).toEqual([chengdu.id]);
    expect(await byCity(110100)).toEqual([beijing.id]);
  });
});

describe("sorting and paging", () => {
  async function spread() {
    // Ties on every sort key, so the id tie-break decides.
    const rows = [
      { km: 1, rent: 3000, size: 40, praise: 5, created: "2024-03-01T00:00:00Z" },
      { km: 2, rent: 1000, size: 40, praise: 9, created: "2024-03-01T00:00:00Z" },
      { km: 1, rent: 3000, size: 20, praise: 5, created: "2024-05-01T00:00:00Z" },
      { km: 3, rent: 1000, size: 60, praise: 9, created: "2024-04-01T00:00:00Z" },
    ];
    const created = [];
    for (const row of rows)
      created.push(
        await createListing({
          latitude: CENTRE.latitude + northKm(row.km),
          houseRent: row.rent,
          houseSize: row.size,
          praiseCount: row.praise,
          createdAt: new Date(row.created),
        }),
      );
    return created.map((house) => house.id) as [number, number, number, number];
  }

  test("each sort order, ties broken by id in the sort's direction", async () => {
    const [a, b, c, d] = await spread();
    expect(await ids({ sort: 1 })).toEqual([a, c, b, d]);
    expect(await ids({ sort: 2 })).toEqual([c, d, b, a]);
    expect(await ids({ sort: 3 })).toEqual([d, b, c, a]);
    expect(await ids({ sort: 4 })).toEqual([b, d, a, c]);
    expect(await ids({ sort: 5 })).toEqual([c, a, d, b]);
    expect(await ids({ sort: 6 })).toEqual([c, a, b, d]);
    expect(await ids({ sort: -1 })).toEqual([a, c, b, d]);
    expect(await ids()).toEqual([a, c, b, d]);
  });

  test("shift and count page through the results; past the end is empty", async () => {
    const [a, b, c, d] = await spread();
    expect(await ids({ count: 2 })).toEqual([a, c]);
    expect(await ids({ count: 2, shift: 2 })).toEqual([b, d]);
    expect(await ids({ count: 2, shift: 3 })).toEqual([d]);
    expect(await ids({ shift: 4 })).toEqual([]);
    expect(await ids({ shift: 100 })).toEqual([]);
    expect(await ids({ count: 100 })).toHaveLength(4);
  });
});

describe("invalid parameters", () => {
  const loc = { longitude: CENTRE.longitude, latitude: CENTRE.latitude };
  test.each([
    [{ ...loc, house_rent_fee: "100-500" }, "house_rent_fee"],
    [{ ...loc, house_rent_fee: "(100,500)" }, "house_rent_fee"],
    [{ ...loc, house_rent_fee: "[100,500" }, "house_rent_fee"],
    [{ ...loc, house_rent_fee: "[1,2,3]" }, "house_rent_fee"],
    [{ ...loc, house_rent_fee: "[-5,10]" }, "house_rent_fee"],
    [{ ...loc, house_rent_fee: "[500,100]" }, "house_rent_fee"],
    [{ ...loc, house_size: "[a,b]" }, "house_size"],
    [{ ...loc, sort: 7 }, "sort"],
    [{ ...loc, sort: 0 }, "sort"],
    [{ ...loc, shift: -1 }, "shift"],
    [{ ...loc, count: 1000 }, "count"],
    [{ ...loc, count: 0 }, "count"],
    [{ ...loc, radius: 51 }, "radius"],
    [{ ...loc, radius: 0 }, "radius"],
    [{}, "longitude"],
    [{ longitude: 104.06 }, "latitude"],
    [{ latitude: 30.6 }, "longitude"],
    [{ longitude: "nan", latitude: 30.6 }, "longitude"],
    [{ longitude: 104.06, latitude: "inf" }, "latitude"],
    [{ longitude: 181, latitude: 30.6 }, "longitude"],
    [{ loccity: 999999 }, "loccity"],
    [{ ...loc, loccity: 999999 }, "loccity"],
    [{ loccity: "chengdu" }, "loccity"],
    [{ ...loc, coord_type: "bd10" }, "coord_type"],
    [{ ...loc, house_source: "4" }, "house_source"],
    [{ ...loc, house_rent_room_type: "1|x" }, "house_rent_room_type"],
    [{ ...loc, house_rooms: "two" }, "house_rooms"],
    [{ ...loc, house_rent_time_type: 3 }, "house_rent_time_type"],
    [{ ...loc, subdistrict_code: "1 or 1=1" }, "subdistrict_code"],
    [{ ...loc, house_name: "x".repeat(51) }, "house_name"],
  ])("%j → status 2 naming %s", async (query, field) => {
    await expectBadParam(query as Record<string, string | number>, field);
  });

  test("the legacy path answers HTTP 200 with status 2; /api answers 400", async () => {
    const legacy = await call(POST, {
      path: "/search_house",
      query: { ...loc, sort: 7 },
      legacy: true,
    });
    expect(legacy.http).toBe(200);
    expect(legacy.body.status).toBe(2);
    const api = await search({ sort: 7 });
    expect(api.http).toBe(400);
    expect(api.body.msg).toMatch(/^sort:/);
  });

  test("JSON bodies may send numbers and arrays for multi-selects", async () => {
    const room = await createListing({ rentRoomType: 2 });
    const { body } = await call(POST, {
      path: "/api/search_house",
      json: { ...loc, house_rent_room_type: 2, house_rooms: [2, 3] },
    });
    expect(body.ans.map((item: { house_id: number }) => item.house_id)).toEqual([room.id]);
  });
});
