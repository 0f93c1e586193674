import "server-only";
import { rawStatement } from "@/db";
import { chinaDate } from "@/lib/china-time";
import { coverPhoto } from "@/lib/houses/cover";
import { freshness } from "@/lib/houses/freshness";
import { fileUrl } from "@/lib/storage";
import { findCityCentre } from "./city-centres";
import { type Box, boundingBox, distanceKm, type Point, pointToGcj02 } from "./geo";
import type { SearchHouseParams, Sort } from "./params";
import {
  addBox,
  addFilters,
  addWithinRadius,
  countInBox,
  countTextMatches,
  distanceSql,
  ftsPhrase,
  geoOverlap,
  ownerVerifiedSql,
  SqlBuilder,
  textCondition,
  usesFts,
} from "./query";

/**
 * Query plan (README "Search performance"): a search is driven by whichever source yields the
 * fewest candidate rows, so its cost tracks the page size rather than the number of listings.
 * - text: a 3+ character phrase matching at most CANDIDATE_CAP listings drives from houses_fts;
 * - geo: the R*Tree of published listings (houses_geo) gives the candidates inside the radius's
 *   bounding box; for distance order the radius grows from a small ring until a page is full
 *   (anything outside a ring is farther than everything inside it, so the order stays exact);
 * - sorted index: for the other orders in a dense area, walk that order's partial index and
 *   check the radius on the coordinates stored in the index entry, stopping when a page is full.
 */
export const CANDIDATE_CAP = 2000;
const RING_START_KM = 1;
const RING_MIN_KM = 0.05;

const ORDER: Record<Sort, { orderBy: string; index?: string }> = {
  1: { orderBy: "distance ASC, h.id ASC" },
  2: { orderBy: "h.created_at DESC, h.id DESC", index: "houses_search_newest_idx" },
  3: { orderBy: "h.praise_count DESC, h.id DESC", index: "houses_search_praise_idx" },
  4: { orderBy: "h.house_rent ASC, h.id ASC", index: "houses_search_rent_idx" },
  5: { orderBy: "h.house_rent DESC, h.id DESC", index: "houses_search_rent_idx" },
  6: { orderBy: "h.house_size ASC, h.id ASC", index: "houses_search_size_idx" },
};

type Driver = "text" | "geo" | "sorted-index";

interface PageQuery {
  params: SearchHouseParams;
  centre: Point;
  radiusKm: number;
  driver: Driver;
  /** The phrase is checked per row when it does not drive the search. */
  textPerRow: boolean;
  /** The map area searched instead of the whole circle (bbox); the circle then covers it. */
  clip?: Box;
  /** Rows to skip and return; the request's shift and count unless a ring asks for more. */
  window?: { offset: number; limit: number };
}

function intersect(a: Box, b: Box | undefined): Box {
  if (!b) return a;
  return {
    minLng: Math.max(a.minLng, b.minLng),
    maxLng: Math.min(a.maxLng, b.maxLng),
    minLat: Math.max(a.minLat, b.minLat),
    maxLat: Math.min(a.maxLat, b.maxLat),
  };
}

/** The FROM clause and conditions of a plan; the caller adds ordering or counting. */
function candidates(
  query: SqlBuilder,
  { params, centre, radiusKm, driver, textPerRow, clip }: Omit<PageQuery, "window">,
): { from: string; distance: string } {
  const box = intersect(boundingBox(centre, radiusKm), clip);
  const order = ORDER[params.sort];
  let from = "houses h";
  if (driver === "text") {
    from = "houses_fts f CROSS JOIN houses h ON h.id = f.rowid";
    query.add(`f.houses_fts MATCH ${query.bind(ftsPhrase(params.house_name ?? ""))}`);
  } else if (driver === "geo") {
    from = "houses_geo g CROSS JOIN houses h ON h.id = g.id";
    query.add(geoOverlap(query, box));
  } else if (order.index) {
    from = `houses h INDEXED BY ${order.index}`;
  }
  addBox(query, box);
  const distance = distanceSql(query, centre);
  addWithinRadius(query, distance, radiusKm);
  addFilters(query, params);
  if (textPerRow && params.house_name) textCondition(query, params.house_name);
  return { from, distance };
}

async function pageIds(page: PageQuery): Promise<number[]> {
  const query = new SqlBuilder();
  const { from, distance } = candidates(query, page);
  const { params, window } = page;
  const order = ORDER[params.sort];
  const limit = query.bind(window?.limit ?? params.count);
  const offset = query.bind(window?.offset ?? params.shift);
  const rows = await rawStatement<{ id: number }>(
    `SELECT h.id AS id, ${distance} AS distance FROM ${from} WHERE ${query.whereSql()} ORDER BY ${order.orderBy} LIMIT ${limit} OFFSET ${offset}`,
  ).all(query.bindings);
  return rows.map((row) => row.id);
}

/**
 * Grows the radius from a ring holding a few pages' worth of listings (see the plan above). A ring
 * that finds too few results grows by the shortfall (results scale with the area), so filtered
 * and text searches need few rounds.
 */
async function nearestIds(base: Omit<PageQuery, "radiusKm">, radiusKm: number): Promise<number[]> {
  const { shift, count } = base.params;
  const need = shift + count;
  const target = need * 4;
  let ring = Math.min(radiusKm, RING_START_KM);
  while (
    ring > RING_MIN_KM &&
    (await countInBox(intersect(boundingBox(base.centre, ring), base.clip), target)) >= target
  )
    ring /= 2;
  for (;;) {
    const ids = await pageIds({ ...base, radiusKm: ring, window: { offset: 0, limit: need } });
    if (ids.length === need || ring >= radiusKm) return ids.slice(shift);
    const growth = Math.sqrt(need / Math.max(ids.length, 1)) * 1.25;
    ring = Math.min(radiusKm, ring * Math.min(4, Math.max(1.5, growth)));
  }
}

/** The circle searched: the request's radius, or one just covering its bbox. */
function searchArea(params: SearchHouseParams, centre: Point): { radiusKm: number; clip?: Box } {
  const clip = params.bbox;
  if (!clip) return { radiusKm: params.radius };
  const corners = [clip.minLng, clip.maxLng].flatMap((longitude) =>
    [clip.minLat, clip.maxLat].map((latitude) => distanceKm(centre, { longitude, latitude })),
  );
  return { radiusKm: Math.max(...corners) + 0.001, clip };
}

/** The plan for a search (see the top of this file), without paging. */
async function plan(params: SearchHouseParams, centre: Point): Promise<Omit<PageQuery, "window">> {
  const text = params.house_name;
  const area = searchArea(params, centre);
  const base = { params, centre, textPerRow: Boolean(text), ...area };
  if (text && usesFts(text) && (await countTextMatches(text, CANDIDATE_CAP + 1)) <= CANDIDATE_CAP)
    return { ...base, driver: "text", textPerRow: false };
  if (params.sort === 1) return { ...base, driver: "geo" };
  const box = intersect(boundingBox(centre, area.radiusKm), area.clip);
  const driver =
    (await countInBox(box, CANDIDATE_CAP + 1)) <= CANDIDATE_CAP ? "geo" : "sorted-index";
  return { ...base, driver };
}

async function searchIds(params: SearchHouseParams, centre: Point): Promise<number[]> {
  const chosen = await plan(params, centre);
  if (params.sort === 1 && chosen.driver === "geo") return nearestIds(chosen, chosen.radiusKm);
  return pageIds(chosen);
}

/** Counts stop here: the page shows "1000+" beyond, and a count never scans a whole city. */
export const COUNT_CAP = 1000;

export interface SearchCount {
  /** Matching listings, at most COUNT_CAP. */
  count: number;
  /** More than COUNT_CAP match. */
  more: boolean;
  /** Whether the area has any published listing at all, ignoring filters and text. */
  area_has_listings: boolean;
}

/**
 * How many listings a search finds (for "共找到 N 套" and the filter sheet's button). The count
 * reads the same candidates as the search but never orders them: text- or R*Tree-driven, and
 * stopping at COUNT_CAP + 1 rows.
 */
export async function countHouses(params: SearchHouseParams): Promise<SearchCount> {
  const centre = searchCentre(params);
  const chosen = await plan(params, centre);
  const driver = chosen.driver === "text" ? "text" : "geo";
  const query = new SqlBuilder();
  const { from } = candidates(query, { ...chosen, driver });
  const cap = query.bind(COUNT_CAP + 1);
  const row = (await rawStatement<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${query.whereSql()} LIMIT ${cap})`,
  ).get(query.bindings)) as { n: number };
  const count = Math.min(row.n, COUNT_CAP);
  const areaHasListings =
    row.n > 0 ||
    (await countInBox(intersect(boundingBox(centre, chosen.radiusKm), chosen.clip), 1)) > 0;
  return { count, more: row.n > COUNT_CAP, area_has_listings: areaHasListings };
}

function searchCentre(params: SearchHouseParams): Point {
  if (params.longitude !== undefined && params.latitude !== undefined)
    return pointToGcj02(
      { longitude: params.longitude, latitude: params.latitude },
      params.coord_type ?? "gcj02",
    );
  // Without a point, distances in a bbox search are measured from the area's centre.
  if (params.bbox)
    return {
      longitude: (params.bbox.minLng + params.bbox.maxLng) / 2,
      latitude: (params.bbox.minLat + params.bbox.maxLat) / 2,
    };
  // params.ts already rejected a request with neither coordinates nor a known loccity.
  const city = findCityCentre(params.loccity ?? 0);
  if (!city) throw new Error("search centre unresolved");
  return city;
}

// The page's rows and photos in two fixed-shape statements (ids passed as one JSON array), so
// they stay prepared across requests: an ORM query here cost more than the search itself.
const PAGE_ROWS_SQL = `SELECT h.id, h.house_rent, h.house_size, h.house_type, h.payment_type,
  h.praise_count, h.status, h.created_at, h.description_title, h.district_name, h.longitude,
  h.latitude, h.house_rooms, h.rent_room_type, h.cover_photo_id, u.user_type,
  h.available_confirmed_at, ${ownerVerifiedSql("h")} AS owner_verified
  FROM json_each(?) j CROSS JOIN houses h ON h.id = j.value JOIN users u ON u.id = h.user_id`;

const PAGE_PHOTOS_SQL = `SELECT p.id, p.house_id, p.storage_key, p.thumb_key
  FROM json_each(?) j CROSS JOIN house_photos p ON p.house_id = j.value
  ORDER BY p.house_id, p.sort_order, p.id`;

interface PageRow {
  id: number;
  house_rent: number | null;
  house_size: number | null;
  house_type: string | null;
  payment_type: string | null;
  praise_count: number;
  status: number;
  created_at: number;
  description_title: string | null;
  district_name: string | null;
  longitude: number | null;
  latitude: number | null;
  house_rooms: number | null;
  rent_room_type: number | null;
  cover_photo_id: number | null;
  user_type: number | null;
  available_confirmed_at: number | null;
  owner_verified: number;
}

interface PagePhoto {
  id: number;
  house_id: number;
  storage_key: string;
  thumb_key: string;
}

export interface SearchResult {
  house_id: number;
  house_rent: number | null;
  house_size: number | null;
  house_type: string | null;
  payment_type: string | null;
  praise_count: number;
  status: number;
  create_date: string;
  duration: number;
  user_type: number | null;
  distance: number;
  photos: string[];
  title: string | null;
  community: string | null;
  longitude: number | null;
  latitude: number | null;
  house_rooms: number | null;
  rent_room_type: number | null;
  cover_thumb_url: string | null;
  /** The listing shows the 房东本人 badge. */
  owner_verified: boolean;
  confirmed_days_ago: number | null;
  freshness_text: string;
}

/** /search_house: published listings near a point, filtered, sorted and paged. */
export async function searchHouses(
  params: SearchHouseParams,
  now = new Date(),
): Promise<SearchResult[]> {
  const centre = searchCentre(params);
  return resultsFor(await searchIds(params, centre), centre, now);
}

/** Result items for listing ids, in that order; `distance` is measured from `centre`. */
export async function resultsFor(
  ids: number[],
  centre: Point,
  now = new Date(),
): Promise<SearchResult[]> {
  if (ids.length === 0) return [];
  const idList = JSON.stringify(ids);
  const rows = await rawStatement<PageRow>(PAGE_ROWS_SQL).all([idList]);
  const photos = await rawStatement<PagePhoto>(PAGE_PHOTOS_SQL).all([idList]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const photosOf = new Map<number, PagePhoto[]>();
  for (const photo of photos)
    photosOf.set(photo.house_id, [...(photosOf.get(photo.house_id) ?? []), photo]);
  return ids.flatMap((id) => {
    const house = byId.get(id);
    if (!house) return [];
    const own = photosOf.get(id) ?? [];
    const cover = coverPhoto(house.cover_photo_id, own);
    return [
      {
        house_id: house.id,
        house_rent: house.house_rent,
        house_size: house.house_size,
        house_type: house.house_type,
        payment_type: house.payment_type,
        praise_count: house.praise_count,
        status: house.status,
        create_date: chinaDate(house.created_at),
        duration: Math.max(0, Math.floor((now.getTime() - house.created_at) / 1000)),
        user_type: house.user_type,
        distance: distanceKm(centre, {
          longitude: house.longitude ?? 0,
          latitude: house.latitude ?? 0,
        }),
        photos: own.map((photo) => fileUrl(photo.storage_key) ?? ""),
        title: house.description_title,
        community: house.district_name,
        longitude: house.longitude,
        latitude: house.latitude,
        house_rooms: house.house_rooms,
        rent_room_type: house.rent_room_type,
        cover_thumb_url: fileUrl(cover?.thumb_key),
        owner_verified: house.owner_verified === 1,
        ...freshness(
          house.available_confirmed_at === null ? null : new Date(house.available_confirmed_at),
          now,
        ),
      },
    ];
  });
}
