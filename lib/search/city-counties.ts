import { divisions } from "@/lib/houses/divisions";
import { CITY_CENTRES } from "./city-centres";

/** The 区县 of every city in the pages' picker, as [code, name] (the area filter's choices). */
export async function cityCounties(): Promise<Record<number, [number, string][]>> {
  const { counties } = await divisions();
  const out: Record<number, [number, string][]> = {};
  for (const city of CITY_CENTRES) out[city.code] = [];
  for (const county of counties.values()) out[county.parent]?.push([county.code, county.name]);
  return out;
}
