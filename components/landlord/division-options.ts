import type { DivisionOptions } from "@/components/landlord/location-step";
import { demoCities } from "@/lib/demo/places";
import { divisions } from "@/lib/houses/divisions";
import { CITY_CENTRES } from "@/lib/search/city-centres";

/**
 * The division lists the location step needs, compacted for the page payload (server only), with
 * the GCJ-02 centres known offline: the demo districts, the cities of the city picker, and each
 * province at its capital. The map centres on the most precise of them as soon as one is chosen.
 */
export async function divisionOptions(): Promise<DivisionOptions> {
  const { provinces, cities, counties } = await divisions();
  const centres: Record<number, [number, number]> = {};
  for (const city of CITY_CENTRES) {
    centres[city.code] = [city.longitude, city.latitude];
    const province = Math.floor(city.code / 10000) * 10000;
    // A province's capital is its first listed city.
    centres[province] ??= [city.longitude, city.latitude];
  }
  for (const city of demoCities)
    for (const district of city.districts) centres[district.code] ??= district.centre;
  return {
    provinces: [...provinces.values()].map((d) => [d.code, d.name]),
    cities: [...cities.values()].map((d) => [d.code, d.name, d.parent]),
    counties: [...counties.values()].map((d) => [d.code, d.name, d.parent]),
    centres,
  };
}
