import type { House, NewHouse } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { toGcj02 } from "@/lib/coordinates";
import { type Division, divisions, nameMatches } from "@/lib/houses/divisions";
import {
  floorProblem,
  LISTING_FIELD_NAMES,
  type ListingFieldName,
  type ListingInput,
} from "@/lib/houses/fields";

// Turns validated listing fields into database columns: coordinates to GCJ-02, division codes
// checked against GB/T 2260 with their official names, and the cross-field rules applied to
// the listing as it will be after the change.

/** A rough box around mainland China, Hong Kong, Macau and Taiwan (GCJ-02 is only defined there). */
const CHINA = { minLng: 73, maxLng: 135.1, minLat: 3.8, maxLat: 53.6 };

type Columns = Partial<NewHouse>;

/** The houses column (drizzle property) for an API field name: house_rent → houseRent. */
export const columnName = (name: ListingFieldName) =>
  name.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase()) as keyof NewHouse;

/** A listing's address for reviewers: province, city, county, community, house number. */
export function listingAddress(
  house: Pick<House, "provinceName" | "cityName" | "countyName" | "districtName" | "houseNumber">,
): string {
  return [
    house.provinceName,
    house.cityName,
    house.countyName,
    house.districtName,
    house.houseNumber,
  ]
    .filter(Boolean)
    .join(" ");
}

function coordinates(input: ListingInput, coordType: "gcj02" | "wgs84" | undefined): Columns {
  const { longitude, latitude } = input;
  if (longitude === undefined && latitude === undefined) return {};
  if (longitude === undefined) throw ApiError.badParam("longitude", "需与 latitude 同时提供");
  if (latitude === undefined) throw ApiError.badParam("latitude", "需与 longitude 同时提供");
  const [lng, lat] = toGcj02(longitude, latitude, coordType ?? "gcj02");
  if (lng < CHINA.minLng || lng > CHINA.maxLng)
    throw ApiError.badParam("longitude", "坐标不在中国境内");
  if (lat < CHINA.minLat || lat > CHINA.maxLat)
    throw ApiError.badParam("latitude", "坐标不在中国境内");
  const round = (value: number) => Math.round(value * 1e7) / 1e7;
  return { longitude: round(lng), latitude: round(lat) };
}

const LEVELS = ["province", "city", "county"] as const;
type Level = (typeof LEVELS)[number];

export async function divisionColumns(
  input: ListingInput,
  existing: House | null,
): Promise<Columns> {
  const sent = LEVELS.some(
    (level) => input[`${level}_code`] !== undefined || input[`${level}_name`] !== undefined,
  );
  if (!sent) return {};
  const { provinces, cities, counties } = await divisions();
  const lookup = (level: Level, code: number): Division => {
    const table = { province: provinces, city: cities, county: counties }[level];
    const found = table.get(code);
    if (!found) throw ApiError.badParam(`${level}_code`, "不是有效的行政区划代码");
    return found;
  };

  // The deepest code sent decides its ancestors; a lower level left over from before is
  // dropped when it no longer belongs to the new parent.
  const final: Record<Level, Division | null> = {
    province: existing?.provinceCode ? (provinces.get(existing.provinceCode) ?? null) : null,
    city: existing?.cityCode ? (cities.get(existing.cityCode) ?? null) : null,
    county: existing?.countyCode ? (counties.get(existing.countyCode) ?? null) : null,
  };
  const deepest = [...LEVELS].reverse().find((level) => input[`${level}_code`] !== undefined);
  if (deepest) {
    const depth = LEVELS.indexOf(deepest);
    let current: Division = lookup(deepest, input[`${deepest}_code`] as number);
    final[deepest] = current;
    for (let index = depth - 1; index >= 0; index -= 1) {
      const level = LEVELS[index] as Level;
      const parent = lookup(level, current.parent);
      const sentCode = input[`${level}_code`];
      if (sentCode !== undefined && sentCode !== parent.code) {
        throw ApiError.badParam(
          `${LEVELS[index + 1]}_code`,
          `不属于 ${level}_code ${sentCode}（应为 ${parent.code} ${parent.name}）`,
        );
      }
      final[level] = parent;
      current = parent;
    }
    for (let index = depth + 1; index < LEVELS.length; index += 1) {
      const level = LEVELS[index] as Level;
      const child = final[level];
      const parent = final[LEVELS[index - 1] as Level];
      if (child && child.parent !== parent?.code) final[level] = null;
    }
  }

  for (const level of LEVELS) {
    const name = input[`${level}_name`];
    if (name === undefined) continue;
    const division = final[level];
    if (!division) throw ApiError.badParam(`${level}_code`, `填写 ${level}_name 时必须提供`);
    if (!nameMatches(name, division.name)) {
      throw ApiError.badParam(
        `${level}_name`,
        `与代码 ${division.code} 不符（应为 ${division.name}）`,
      );
    }
  }
  return {
    provinceCode: final.province?.code ?? null,
    provinceName: final.province?.name ?? null,
    cityCode: final.city?.code ?? null,
    cityName: final.city?.name ?? null,
    countyCode: final.county?.code ?? null,
    countyName: final.county?.name ?? null,
  };
}

const DIVISION_FIELDS = LEVELS.flatMap((level) => [`${level}_code`, `${level}_name`] as const);
const SPECIAL = new Set<ListingFieldName>(["longitude", "latitude", ...DIVISION_FIELDS]);

/** Division fields hold a consistent hierarchy and are changed by sending another code. */
export const UNCLEARABLE = new Set<ListingFieldName>(DIVISION_FIELDS);

/**
 * The columns to write for the fields sent in `input`, validated against the rest of the
 * listing (`existing`, null on create).
 */
export async function listingColumns(
  input: ListingInput,
  coordType: "gcj02" | "wgs84" | undefined,
  existing: House | null,
): Promise<Columns> {
  const columns: Columns = {};
  for (const name of LISTING_FIELD_NAMES) {
    const value = input[name];
    if (value !== undefined && !SPECIAL.has(name)) {
      (columns as Record<string, unknown>)[columnName(name)] = value;
    }
  }
  Object.assign(columns, coordinates(input, coordType), await divisionColumns(input, existing));
  const problem = floorProblem({
    house_floor: input.house_floor ?? existing?.houseFloor,
    all_floor: input.all_floor ?? existing?.allFloor,
  });
  if (problem) throw ApiError.badParam(...problem);
  return columns;
}
