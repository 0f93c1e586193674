import { describe, expect, test } from "vitest";
import { HouseStatus } from "@/db/schema";
import { createListing, createOwner } from "@/tests/search-factory";
import {
  amapPlaceProvider,
  type PlaceProvider,
  sandboxPlaceProvider,
  searchPlaces,
} from "./search";

describe("小区 search", () => {
  test("sandbox: demo communities of the chosen city, at their district", async () => {
    const owner = await createOwner();
    const { places } = await searchPlaces(owner.id, { keyword: "东方花园", city: "成都市" });
    expect(places[0]).toMatchObject({ name: "东方花园", address: "成都市锦江区", source: "demo" });
    expect(places[0]?.longitude).toBeCloseTo(104.08, 1);
    expect((await searchPlaces(owner.id, { keyword: "东方花园", city: "北京市" })).places).toEqual(
      [],
    );
  });

  test("the landlord's own earlier listings come first, not other landlords' or deleted ones", async () => {
    const owner = await createOwner();
    await createListing({
      userId: owner.id,
      districtName: "锦江城市花园",
      longitude: 104.1,
      latitude: 30.6,
    });
    await createListing({
      userId: owner.id,
      districtName: "锦江 100%_小区",
      status: HouseStatus.deleted,
    });
    await createListing({ districtName: "锦江城市花园二期" });
    const { places } = await searchPlaces(owner.id, { keyword: "锦江城市花园" });
    expect(places[0]).toMatchObject({ name: "锦江城市花园", source: "mine", longitude: 104.1 });
    expect(places.filter((place) => place.source === "mine")).toHaveLength(1);
    // LIKE wildcards in the keyword are literal.
    expect((await searchPlaces(owner.id, { keyword: "%" }, sandboxPlaceProvider)).places).toEqual(
      [],
    );
  });

  test("a failing provider leaves the own listings; AMap answers are parsed as GCJ-02", async () => {
    const owner = await createOwner();
    const failing: PlaceProvider = {
      search: async () => {
        throw new Error("down");
      },
    };
    expect((await searchPlaces(owner.id, { keyword: "x" }, failing)).places).toEqual([]);
    const amap = amapPlaceProvider("key", async (url) => {
      expect(String(url)).toContain("region=%E6%88%90%E9%83%BD%E5%B8%82");
      return Response.json({
        status: "1",
        pois: [{ name: "万科城", adname: "武侯区", address: "二环路", location: "104.04,30.64" }],
      });
    });
    expect(await amap.search({ keyword: "万科城", city: "成都市" })).toEqual([
      {
        name: "万科城",
        address: "武侯区 二环路",
        longitude: 104.04,
        latitude: 30.64,
        source: "amap",
      },
    ]);
  });
});
