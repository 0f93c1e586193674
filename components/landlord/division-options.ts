import type { DivisionOptions } from "@/components/landlord/location-step";
import { divisions } from "@/lib/houses/divisions";

/** The division lists the location step needs, compacted for the page payload (server only). */
export async function divisionOptions(): Promise<DivisionOptions> {
  const { provinces, cities, counties } = await divisions();
  return {
    provinces: [...provinces.values()].map((d) => [d.code, d.name]),
    cities: [...cities.values()].map((d) => [d.code, d.name, d.parent]),
    counties: [...counties.values()].map((d) => [d.code, d.name, d.parent]),
  };
}
