import "server-only";
import { rawStatement } from "@/db";
import { searchHouseParams } from "./params";
import { searchableSql } from "./query";
import { resultsFor, type SearchResult, searchHouses } from "./search-houses";

// The detail page's 附近相似房源 and 房东的其他房源.

const SIMILAR_RADIUS_KM = 5;
/** Rent within ±25% of the listing's. */
const SIMILAR_RENT_SHARE = 0.25;
const SIMILAR_LIMIT = 6;

export interface SimilarTo {
  id: number;
  longitude: number | null;
  latitude: number | null;
  house_rent: number | null;
  rent_room_type: number | null;
}

/**
 * Published listings within 5 km, with a rent within ±25% and the same room type (整租/单间),
 * nearest first, up to 6: the ordinary nearest-first search with those filters, so it is as
 * fast as the list.
 */
export async function similarHouses(house: SimilarTo): Promise<SearchResult[]> {
  if (house.longitude == null || house.latitude == null || house.house_rent == null) return [];
  const min = Math.ceil(house.house_rent * (1 - SIMILAR_RENT_SHARE));
  const max = Math.floor(house.house_rent * (1 + SIMILAR_RENT_SHARE));
  const params = searchHouseParams.parse({
    longitude: house.longitude,
    latitude: house.latitude,
    radius: SIMILAR_RADIUS_KM,
    house_rent_fee: `[${min},${max}]`,
    ...(house.rent_room_type ? { house_rent_room_type: house.rent_room_type } : {}),
    sort: 1,
    count: SIMILAR_LIMIT + 1,
  });
  const found = await searchHouses(params);
  return found.filter((item) => item.house_id !== house.id).slice(0, SIMILAR_LIMIT);
}

const OWNER_OTHERS_SQL = `SELECT id FROM houses h WHERE user_id = ? AND ${searchableSql("h")}
  AND id != ? ORDER BY created_at DESC, id DESC LIMIT ?`;

/** All of a landlord's published listings (up to `limit`), newest first, without distances. */
export async function landlordHouses(
  ownerId: number,
  limit = 100,
): Promise<Omit<SearchResult, "distance">[]> {
  const rows = await rawStatement<{ id: number }>(OWNER_OTHERS_SQL).all([ownerId, 0, limit]);
  const found = await resultsFor(
    rows.map((row) => row.id),
    { longitude: 0, latitude: 0 },
  );
  return found.map(({ distance: _, ...item }) => item);
}

/** The landlord's other published listings, newest first; distances from this listing. */
export async function landlordOtherHouses(
  house: SimilarTo & { owner_id: number },
  limit = SIMILAR_LIMIT,
): Promise<SearchResult[]> {
  const rows = await rawStatement<{ id: number }>(OWNER_OTHERS_SQL).all([
    house.owner_id,
    house.id,
    limit,
  ]);
  return resultsFor(
    rows.map((row) => row.id),
    { longitude: house.longitude ?? 0, latitude: house.latitude ?? 0 },
  );
}
