import "server-only";
import { rawStatement } from "@/db";
import { HouseStatus, ModerationState } from "@/db/schema";
import { type Box, EARTH_RADIUS_KM, type Point, RADIUS_EPSILON_KM } from "./geo";
import type { Filters } from "./params";

// SQL building blocks shared by the list search and the map. Values are always bound as
// parameters; only fixed fragments from this file are concatenated into SQL text.

export type Bindings = Record<string, number | string>;

/**
 * What search shows: published listings that moderation does not hold. Literal in the SQL text
 * (not bound), so SQLite can use the `WHERE status = 1 AND moderation_state = 0` partial indexes.
 */
export function searchableSql(alias: string): string {
  return `${alias}.status = ${HouseStatus.published} AND ${alias}.moderation_state = ${ModerationState.visible}`;
}

/**
 * The 房东本人 badge as SQL: the listing links an approved type-1 (own property) verification of
 * its owner whose address an admin confirmed, and the certificate holder's name equals the
 * owner's approved real name. The detail page and the `owner_verified` filter both use this.
 */
export function ownerVerifiedSql(alias: string): string {
  return `(${alias}.property_link_confirmed_at IS NOT NULL AND EXISTS (SELECT 1 FROM property_verifications pv
    JOIN identity_verifications iv ON iv.user_id = pv.user_id AND iv.status = 'approved' AND iv.real_name = pv.cert_name
    WHERE pv.id = ${alias}.property_verification_id AND pv.user_id = ${alias}.user_id
      AND pv.status = 'approved' AND pv.house_type = 1))`;
}

export class SqlBuilder {
  readonly where: string[] = [searchableSql("h")];
  readonly bindings: Bindings = {};
  private next = 0;

  bind(value: number | string): string {
    const name = `p${this.next++}`;
    this.bindings[name] = value;
    return `@${name}`;
  }

  add(condition: string) {
    this.where.push(condition);
  }

  whereSql(): string {
    return this.where.join(" AND ");
  }
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** FTS5 query for a literal phrase: operators and quotes in user text lose their meaning. */
export function ftsPhrase(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/** Trigram indexes 3-character windows, so only 3+ characters can use houses_fts. */
export function usesFts(houseName: string): boolean {
  return [...houseName].length >= 3;
}

/** The text condition checked on each candidate row: a substring of title, description or community. */
export function textCondition(query: SqlBuilder, houseName: string) {
  const pattern = query.bind(`%${escapeLike(houseName)}%`);
  query.add(
    `(h.description_title LIKE ${pattern} ESCAPE '\\' OR h.description LIKE ${pattern} ESCAPE '\\' OR h.district_name LIKE ${pattern} ESCAPE '\\')`,
  );
}

function anyOf(query: SqlBuilder, column: string, values: readonly (number | string)[]) {
  query.add(`${column} IN (${values.map((value) => query.bind(value)).join(", ")})`);
}

/** Every filter except the text, whose plan depends on its selectivity (search.ts). */
export function addFilters(query: SqlBuilder, filters: Filters) {
  const rent = filters.house_rent_fee;
  if (rent?.min !== undefined) query.add(`h.house_rent >= ${query.bind(rent.min)}`);
  if (rent?.max !== undefined) query.add(`h.house_rent <= ${query.bind(rent.max)}`);
  const size = filters.house_size;
  if (size?.min !== undefined) query.add(`h.house_size >= ${query.bind(size.min)}`);
  if (size?.max !== undefined) query.add(`h.house_size <= ${query.bind(size.max)}`);
  if (filters.house_rent_time_type !== undefined)
    query.add(`h.rent_time_type = ${query.bind(filters.house_rent_time_type)}`);
  if (filters.house_rent_room_type) anyOf(query, "h.rent_room_type", filters.house_rent_room_type);
  if (filters.house_source) anyOf(query, "h.house_source", filters.house_source);
  if (filters.house_rooms) anyOf(query, "h.house_rooms", filters.house_rooms);
  if (filters.house_direction) anyOf(query, "h.house_direction", filters.house_direction);
  if (filters.house_decoration) anyOf(query, "h.house_decoration", filters.house_decoration);
  if (filters.county_code) anyOf(query, "h.county_code", filters.county_code);
  if (filters.subdistrict_code !== undefined)
    query.add(`h.subdistrict_code = ${query.bind(filters.subdistrict_code)}`);
  if (filters.subway_station_code !== undefined)
    query.add(`h.subway_station_code = ${query.bind(filters.subway_station_code)}`);
  // Layout is matched as a substring, as the legacy LIKE did ("2室" finds "2室1厅").
  if (filters.house_type)
    query.add(`h.house_type LIKE ${query.bind(`%${escapeLike(filters.house_type)}%`)} ESCAPE '\\'`);
  // Features are stored "a|b|c"; a listing matches when it has ANY selected feature.
  if (filters.owner_verified) query.add(ownerVerifiedSql("h"));
  if (filters.house_characteristic) {
    const tags = filters.house_characteristic.map(
      (tag) =>
        `('|' || h.house_characteristic || '|') LIKE ${query.bind(`%|${escapeLike(tag)}|%`)} ESCAPE '\\'`,
    );
    query.add(`(${tags.join(" OR ")})`);
  }
}

export function addBox(query: SqlBuilder, box: Box) {
  query.add(`h.latitude BETWEEN ${query.bind(box.minLat)} AND ${query.bind(box.maxLat)}`);
  query.add(`h.longitude BETWEEN ${query.bind(box.minLng)} AND ${query.bind(box.maxLng)}`);
}

/**
 * Haversine in SQL (SQLite math functions), the same formula as geo.ts `distanceKm`. `power`, not
 * its alias `pow`, which libSQL's build does not register.
 */
export function distanceSql(query: SqlBuilder, centre: Point): string {
  const rad = Math.PI / 180;
  const lat0 = query.bind(centre.latitude * rad);
  const lng0 = query.bind(centre.longitude * rad);
  const cosLat0 = query.bind(Math.cos(centre.latitude * rad));
  return `(2 * ${EARTH_RADIUS_KM} * asin(min(1, sqrt(power(sin((radians(h.latitude) - ${lat0}) / 2), 2) + ${cosLat0} * cos(radians(h.latitude)) * power(sin((radians(h.longitude) - ${lng0}) / 2), 2)))))`;
}

export function addWithinRadius(query: SqlBuilder, distance: string, radiusKm: number) {
  query.add(`${distance} <= ${query.bind(radiusKm + RADIUS_EPSILON_KM)}`);
}

/** R*Tree rows overlapping the box (stored boxes are rounded outward, so none is missed). */
export function geoOverlap(query: SqlBuilder, box: Box): string {
  return `g.max_lng >= ${query.bind(box.minLng)} AND g.min_lng <= ${query.bind(box.maxLng)} AND g.max_lat >= ${query.bind(box.minLat)} AND g.min_lat <= ${query.bind(box.maxLat)}`;
}

/** How many published listings fall in the box, counting no further than `cap`. */
export async function countInBox(box: Box, cap: number): Promise<number> {
  const query = new SqlBuilder();
  const overlap = geoOverlap(query, box);
  const limit = query.bind(cap);
  const row = (await rawStatement<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM houses_geo g WHERE ${overlap} LIMIT ${limit})`,
  ).get(query.bindings)) as { n: number };
  return row.n;
}

/** How many listings contain the phrase (any status), counting no further than `cap`. */
export async function countTextMatches(houseName: string, cap: number): Promise<number> {
  const row = (await rawStatement<{ n: number }>(
    "SELECT count(*) AS n FROM (SELECT 1 FROM houses_fts WHERE houses_fts MATCH @phrase LIMIT @cap)",
  ).get({ phrase: ftsPhrase(houseName), cap })) as { n: number };
  return row.n;
}
