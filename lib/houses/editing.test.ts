import { count, eq } from "drizzle-orm";
import gcoord from "gcoord";
import { describe, expect, it } from "vitest";
import { POST as houseCreate } from "@/app/api/house_create/route";
import { POST as updateInfo } from "@/app/api/update_house_info/route";
import { db } from "@/db";
import { houses } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { PAYMENT_TYPES } from "@/lib/houses/labels";
import { call, createUser } from "@/tests/helpers";
import { COMPLETE, draft, houseRow, landlord } from "@/tests/houses-helpers";

const long = (n: number) => "字".repeat(n);
const houseCount = async () => (await db().select({ n: count() }).from(houses).get())?.n ?? 0;

// [reported field, params]: one bad value per validated field.
const BAD: [string, Record<string, string | number>][] = [
  ["province_code", { province_code: "abc" }],
  ["province_code", { province_code: 51 }],
  ["province_code", { province_code: 990000 }],
  ["province_name", { province_code: 510000, province_name: "广东省" }],
  ["province_code", { province_name: "四川省" }],
  ["city_code", { city_code: 510199 }],
  ["city_code", { province_code: 440000, city_code: 510100 }],
  ["city_name", { city_code: 510100, city_name: "绵阳市" }],
  ["county_code", { county_code: 999999 }],
  ["county_code", { city_code: 510700, county_code: 510104 }],
  ["county_name", { county_code: 510104, county_name: "武侯区" }],
  ["district_code", { district_code: -1 }],
  ["district_name", { district_name: long(101) }],
  ["subdistrict_code", { subdistrict_code: "1.5" }],
  ["subway_station_code", { subway_station_code: "x" }],
  ["house_number", { house_number: long(51) }],
  ["longitude", { longitude: "east", latitude: 30 }],
  ["longitude", { longitude: 200, latitude: 30 }],
  ["latitude", { longitude: 104, latitude: 95 }],
  ["latitude", { longitude: 104 }],
  ["longitude", { latitude: 30 }],
  ["longitude", { longitude: -73.98, latitude: 40.75 }],
  ["latitude", { longitude: 104, latitude: -33.8 }],
  ["coord_type", { coord_type: "bd09", longitude: 104, latitude: 30 }],
  ["rent_time_type", { rent_time_type: 3 }],
  ["rent_room_type", { rent_room_type: 0 }],
  ["house_size", { house_size: 0 }],
  ["house_size", { house_size: "60.5" }],
  ["house_type", { house_type: long(21) }],
  ["house_floor", { house_floor: long(11) }],
  ["house_floor", { house_floor: 12, all_floor: 6 }],
  ["house_floor", { house_floor: "0" }],
  ["all_floor", { all_floor: 201 }],
  ["house_direction", { house_direction: long(11) }],
  ["house_decoration", { house_decoration: long(21) }],
  ["house_max_livein", { house_max_livein: 0 }],
  ["house_rooms", { house_rooms: -1 }],
  ["house_rent", { house_rent: "abc" }],
  ["house_rent", { house_rent: 0 }],
  ["house_rent", { house_rent: 1_000_001 }],
  ["house_rent", { house_rent: "2500.5" }],
  ["payment_type", { payment_type: "3|3" }],
  ["property_management_fee", { property_management_fee: 4 }],
  ["heating_charge", { heating_charge: "landlord" }],
  ["description_title", { description_title: long(61) }],
  ["description", { description: long(5001) }],
  ["traffic_condition", { traffic_condition: long(2001) }],
  ["around_condition", { around_condition: long(2001) }],
  ["facility", { facility: "1|13" }],
  ["facility", { facility: "air" }],
  ["extra_fee", { extra_fee: "9" }],
  ["house_characteristic", { house_characteristic: "近地铁|精装修拎包入住还送家电全套" }],
  ["house_characteristic", { house_characteristic: "1|2|3|4|5|6|7|8|9|10|11" }],
  ["house_source", { house_source: 4 }],
  ["earliest_checkin_time", { earliest_checkin_time: "2026-02-30" }],
  ["earliest_checkin_time", { earliest_checkin_time: "tomorrow" }],
  ["verification_code", { verification_code: "x".repeat(51) }],
];

describe("/api/house_create", () => {
  it.each(BAD)("rejects a bad %s with status 2 and writes nothing (%j)", async (field, form) => {
    const { token } = await createUser();
    const before = await houseCount();
    const { http, body } = await call(houseCreate, { token, form });
    expect(http).toBe(400);
    expect(body.status).toBe(2);
    expect(body.msg.startsWith(`${field}:`)).toBe(true);
    expect(body.ans).toEqual({ field });
    expect(await houseCount()).toBe(before);
  });

  it("stores a draft with every documented field, normalised, and nothing invented", async () => {
    const { user, token } = await createUser();
    const { body } = await call(houseCreate, {
      token,
      form: {
        ...COMPLETE,
        county_name: "锦江",
        rent_time_type: 2,
        rent_room_type: 1,
        house_type: "2室1厅1卫",
        house_floor: "5",
        all_floor: 18,
        house_direction: "南北",
        house_decoration: "精装",
        house_max_livein: 3,
        house_rooms: 2,
        payment_type: "1|3",
        property_management_fee: 1,
        heating_charge: 3,
        description: "采光好",
        traffic_condition: "地铁2号线",
        around_condition: "超市",
        facility: "8|1|2|2",
        extra_fee: "2|1",
        house_characteristic: " 近地铁 | 精装修 |近地铁",
        house_source: 1,
        earliest_checkin_time: "2026-12-01",
        house_number: "3栋2单元501",
        release_time: "2017-01-01 00:00:00",
        status: 1,
      },
    });
    expect(body.status).toBe(0);
    const row = await houseRow(body.ans.house_id);
    expect(row).toMatchObject({
      userId: user.id,
      status: 0,
      provinceCode: 510000,
      provinceName: "四川省",
      cityCode: 510100,
      cityName: "成都市",
      countyCode: 510104,
      countyName: "锦江区",
      longitude: 104.08,
      latitude: 30.65,
      houseRent: 2500,
      facility: "1|2|8",
      extraFee: "1|2",
      houseCharacteristic: "近地铁|精装修",
      paymentType: "1|3",
      earliestCheckinTime: "2026-12-01",
      releaseTime: null,
      praiseCount: 0,
    });
    expect(row?.submissionTime).toBeInstanceOf(Date);
  });

  it("accepts an empty draft and keeps absent fields empty (no legacy defaults)", async () => {
    const { token } = await createUser();
    const { body } = await call(houseCreate, { token, form: {} });
    expect(body.status).toBe(0);
    expect(await houseRow(body.ans.house_id)).toMatchObject({
      longitude: null,
      latitude: null,
      houseRent: null,
      paymentType: null,
      provinceCode: null,
    });
  });

  it.each(Object.keys(PAYMENT_TYPES))("accepts payment_type %s", async (paymentType) => {
    const { token } = await createUser();
    const id = await draft(token, { payment_type: paymentType, house_floor: "-1" });
    expect(await houseRow(id)).toMatchObject({ paymentType, houseFloor: "-1" });
  });

  it("converts WGS-84 coordinates to GCJ-02 when coord_type=wgs84", async () => {
    const { token } = await createUser();
    const id = await draft(token, { longitude: 116.397, latitude: 39.908, coord_type: "wgs84" });
    const [lng, lat] = gcoord.transform([116.397, 39.908], gcoord.WGS84, gcoord.GCJ02);
    const row = await houseRow(id);
    expect(row?.longitude).toBeCloseTo(lng, 6);
    expect(row?.latitude).toBeCloseTo(lat, 6);
    expect(row?.longitude).not.toBeCloseTo(116.397, 4);
  });

  it("fills province and city from a county code, including municipalities", async () => {
    const { token } = await createUser();
    const id = await draft(token, { county_code: 110105 });
    expect(await houseRow(id)).toMatchObject({
      provinceCode: 110000,
      provinceName: "北京市",
      cityCode: 110100,
      cityName: "北京市",
      countyCode: 110105,
      countyName: "朝阳区",
    });
  });

  it("answers HTTP 200 with the envelope on the legacy path", async () => {
    const { token } = await createUser();
    const bad = await call(houseCreate, { token, legacy: true, form: { house_rent: "x" } });
    expect(bad).toMatchObject({ http: 200, body: { status: 2 } });
    const ok = await call(houseCreate, { token, legacy: true, form: { house_rent: 100 } });
    expect(ok).toMatchObject({ http: 200, body: { status: 0 } });
  });

  it("requires a login", async () => {
    const { body } = await call(houseCreate, { form: {} });
    expect(body.status).toBe(4);
  });
});

describe("/api/update_house_info", () => {
  it("updates one field through attr_name/attr_value, validated as on create", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    const ok = await call(updateInfo, {
      token,
      form: { house_id: id, attr_name: "house_rent", attr_value: "3000" },
    });
    expect(ok.body).toEqual({ status: 0, msg: "", ans: {} });
    expect((await houseRow(id))?.houseRent).toBe(3000);
    const bad = await call(updateInfo, {
      token,
      form: { house_id: id, attr_name: "house_rent", attr_value: "3000元" },
    });
    expect(bad.body.status).toBe(2);
    expect(bad.body.msg).toMatch(/^house_rent:/);
    expect((await houseRow(id))?.houseRent).toBe(3000);
  });

  it("updates several fields at once from JSON", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    const { body } = await call(updateInfo, {
      token,
      json: { house_id: id, house_rent: 2800, facility: [3, 1], county_code: 510107 },
    });
    expect(body.status).toBe(0);
    expect(await houseRow(id)).toMatchObject({
      houseRent: 2800,
      facility: "1|3",
      countyCode: 510107,
      countyName: "武侯区",
      cityCode: 510100,
    });
  });

  it.each([
    "status",
    "user_id",
    "id",
    "praise_count",
    "release_time",
    "submission_time",
    "cover_photo_id",
  ])("refuses to edit %s", async (name) => {
    const { token } = await landlord();
    const id = await draft(token);
    const before = await houseRow(id);
    const legacy = await call(updateInfo, {
      token,
      form: { house_id: id, attr_name: name, attr_value: "1" },
    });
    expect(legacy.body).toMatchObject({ status: 2, ans: { field: "attr_name" } });
    const json = await call(updateInfo, { token, json: { house_id: id, [name]: 1 } });
    expect(json.body).toMatchObject({ status: 2, ans: { field: name } });
    expect(await houseRow(id)).toEqual(before);
  });

  it("checks the floor against the stored total, and the county against the stored city", async () => {
    const { token } = await landlord();
    const id = await draft(token, { ...COMPLETE, all_floor: 6 });
    const floor = await call(updateInfo, {
      token,
      form: { house_id: id, attr_name: "house_floor", attr_value: "7" },
    });
    expect(floor.body).toMatchObject({ status: 2, ans: { field: "house_floor" } });
    const county = await call(updateInfo, {
      token,
      json: { house_id: id, city_code: 510100, county_code: 510603 },
    });
    expect(county.body).toMatchObject({ status: 2, ans: { field: "county_code" } });
  });

  it("drops a county that no longer belongs to a newly chosen city", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    await call(updateInfo, {
      token,
      form: { house_id: id, attr_name: "city_code", attr_value: "510700" },
    });
    expect(await houseRow(id)).toMatchObject({
      cityCode: 510700,
      cityName: "绵阳市",
      countyCode: null,
      countyName: null,
    });
  });

  it("clears an optional field sent empty, but never a division or half a coordinate", async () => {
    const { token } = await landlord();
    const id = await draft(token, { ...COMPLETE, description: "旧描述" });
    const cleared = await call(updateInfo, { token, json: { house_id: id, description: "" } });
    expect(cleared.body.status).toBe(0);
    expect((await houseRow(id))?.description).toBeNull();
    const division = await call(updateInfo, { token, json: { house_id: id, city_code: "" } });
    expect(division.body).toMatchObject({ status: 2, ans: { field: "city_code" } });
    const half = await call(updateInfo, { token, json: { house_id: id, longitude: "" } });
    expect(half.body.status).toBe(2);
    expect((await houseRow(id))?.longitude).toBe(104.08);
  });

  it("refuses to clear a field a published listing needs", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    await writeTransaction((tx) =>
      tx.update(houses).set({ status: 1 }).where(eq(houses.id, id)).run(),
    );
    const { body } = await call(updateInfo, { token, json: { house_id: id, house_rent: "" } });
    expect(body).toMatchObject({ status: 2, ans: { field: "house_rent" } });
    expect((await houseRow(id))?.houseRent).toBe(2500);
    await writeTransaction((tx) =>
      tx.update(houses).set({ status: 2 }).where(eq(houses.id, id)).run(),
    );
    expect(
      (await call(updateInfo, { token, json: { house_id: id, house_rent: "" } })).body.status,
    ).toBe(0);
    expect((await houseRow(id))?.houseRent).toBeNull();
  });

  it("keeps a published listing published", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    await writeTransaction((tx) =>
      tx.update(houses).set({ status: 1 }).where(eq(houses.id, id)).run(),
    );
    await call(updateInfo, { token, json: { house_id: id, house_rent: 2600 } });
    expect(await houseRow(id)).toMatchObject({ status: 1, houseRent: 2600 });
  });

  it("refuses other users (status 6) and deleted listings (status 7), changing nothing", async () => {
    const owner = await landlord();
    const other = await landlord();
    const id = await draft(owner.token);
    const before = await houseRow(id);
    const forbidden = await call(updateInfo, {
      token: other.token,
      form: { house_id: id, attr_name: "house_rent", attr_value: "1" },
    });
    expect(forbidden).toMatchObject({ http: 403, body: { status: 6 } });
    const invalid = await call(updateInfo, {
      token: other.token,
      json: { house_id: id, status: 1 },
    });
    expect(invalid.body.status).toBe(6);
    expect(await houseRow(id)).toEqual(before);
    await writeTransaction((tx) =>
      tx.update(houses).set({ status: 3 }).where(eq(houses.id, id)).run(),
    );
    const gone = await call(updateInfo, {
      token: owner.token,
      form: { house_id: id, attr_name: "house_rent", attr_value: "1" },
    });
    expect(gone).toMatchObject({ http: 404, body: { status: 7 } });
    const legacy = await call(updateInfo, {
      token: other.token,
      legacy: true,
      form: { house_id: 999, attr_name: "house_rent", attr_value: "1" },
    });
    expect(legacy).toMatchObject({ http: 200, body: { status: 7 } });
  });
});
