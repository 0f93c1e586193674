import { describe, expect, it } from "vitest";
import {
  activeFilterCount,
  centreOf,
  filterParams,
  parseSearch,
  searchQuery,
} from "@/components/search/search-state";

describe("search state in the URL", () => {
  it("round-trips a full search through the page URL", () => {
    const url = new URLSearchParams(
      "lng=104.06650&lat=30.57230&city=110100&z=15&radius=5&sort=4&q=玉林&rent_min=1500&rent_max=2500&size_min=30&time=2&room=1&beds=1|2&dir=南|南北&deco=精装&src=1&feat=近地铁",
    );
    const state = parseSearch(url);
    expect(new URLSearchParams(searchQuery(state)).toString()).toBe(url.toString());
    expect(activeFilterCount(state)).toBe(9);
  });

  it("leaves defaults out and falls back to the default city for unknown values", () => {
    const state = parseSearch(new URLSearchParams("city=999999&sort=9&room=3&lng=abc&lat=30"));
    expect(searchQuery(state)).toBe("");
    expect(state.room).toBeNull();
    expect(centreOf(state)).toEqual({ lng: 104.066541, lat: 30.572269 });
  });

  it("translates filters into the legacy API's parameters and interval syntax", () => {
    const state = parseSearch(
      new URLSearchParams("rent_max=2500&size_min=60&room=2&beds=2|3&feat=近地铁|有阳台&q=小区"),
    );
    expect(Object.fromEntries(filterParams(state))).toEqual({
      house_name: "小区",
      house_rent_fee: "[,2500]",
      house_size: "[60,]",
      house_rent_room_type: "2",
      house_rooms: "2|3",
      house_characteristic: "近地铁|有阳台",
    });
  });
});
