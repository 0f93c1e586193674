import "server-only";
import { and, eq, isNotNull, ne, sql } from "drizzle-orm";
import { db } from "@/db";
import { HouseStatus, houses } from "@/db/schema";
import { demoCities } from "@/lib/demo/places";
import { env } from "@/lib/env";
import { describeError, log } from "@/lib/log";
import { escapeLike } from "@/lib/search/query";

// 小区 search for the editor's location step: the landlord's own earlier listings first, then a
// place provider — AMap's place text search in live mode, the demo communities in the sandbox.
// Every position is GCJ-02, as the basemaps and stored listings use.

export interface Place {
  name: string;
  /** County (区县) or street address, for telling two same-named places apart. */
  address: string;
  longitude: number;
  latitude: number;
  source: "mine" | "demo" | "amap";
}

export interface PlaceQuery {
  keyword: string;
  /** City name (成都市) to search in, when the landlord has chosen one. */
  city?: string;
}

export interface PlaceProvider {
  search(query: PlaceQuery): Promise<Place[]>;
}

const PLACE_LIMIT = 8;

/** The demo communities, placed at their district's centre. */
export const sandboxPlaceProvider: PlaceProvider = {
  async search({ keyword, city }) {
    const found: Place[] = [];
    for (const demo of demoCities) {
      if (city && !demo.cityName.startsWith(city) && !city.startsWith(demo.cityName)) continue;
      for (const district of demo.districts) {
        for (const name of district.communities) {
          if (!name.includes(keyword) && !district.name.includes(keyword)) continue;
          const [longitude, latitude] = district.centre;
          found.push({
            name,
            address: `${demo.cityName}${district.name}`,
            longitude,
            latitude,
            source: "demo",
          });
        }
      }
    }
    return found.slice(0, PLACE_LIMIT);
  },
};

/** AMap web service place text search (v5); its locations are GCJ-02 "lng,lat". */
export function amapPlaceProvider(key: string, fetchImpl: typeof fetch = fetch): PlaceProvider {
  return {
    async search({ keyword, city }) {
      const query = new URLSearchParams({
        key,
        keywords: keyword,
        page_size: String(PLACE_LIMIT),
        ...(city ? { region: city, city_limit: "true" } : {}),
      });
      const response = await fetchImpl(`https://restapi.amap.com/v5/place/text?${query}`, {
        signal: AbortSignal.timeout(5_000),
      });
      const body = (await response.json()) as {
        status?: string;
        pois?: { name?: string; address?: string; adname?: string; location?: string }[];
      };
      if (body.status !== "1") throw new Error(`amap place search refused: ${body.status}`);
      return (body.pois ?? []).flatMap((poi) => {
        const [longitude, latitude] = (poi.location ?? "").split(",").map(Number);
        if (!poi.name || !Number.isFinite(longitude) || !Number.isFinite(latitude)) return [];
        return [
          {
            name: poi.name,
            address: [poi.adname, poi.address].filter(Boolean).join(" "),
            longitude: longitude as number,
            latitude: latitude as number,
            source: "amap" as const,
          },
        ];
      });
    },
  };
}

function defaultProvider(): PlaceProvider {
  const key = env().AMAP_WEB_KEY;
  return env().APP_MODE === "live" && key ? amapPlaceProvider(key) : sandboxPlaceProvider;
}

/** The landlord's own listings whose 小区 matches, with a position (newest first). */
async function ownPlaces(userId: number, keyword: string): Promise<Place[]> {
  const rows = await db()
    .select({
      name: houses.districtName,
      county: houses.countyName,
      longitude: houses.longitude,
      latitude: houses.latitude,
    })
    .from(houses)
    .where(
      and(
        eq(houses.userId, userId),
        ne(houses.status, HouseStatus.deleted),
        sql`${houses.districtName} LIKE ${`%${escapeLike(keyword)}%`} ESCAPE '\\'`,
        isNotNull(houses.longitude),
        isNotNull(houses.latitude),
      ),
    )
    .orderBy(houses.id)
    .all();
  const seen = new Map<string, Place>();
  for (const row of rows.reverse()) {
    if (!row.name || row.longitude == null || row.latitude == null || seen.has(row.name)) continue;
    seen.set(row.name, {
      name: row.name,
      address: row.county ?? "",
      longitude: row.longitude,
      latitude: row.latitude,
      source: "mine",
    });
  }
  return [...seen.values()];
}

/** /api/place_search: own listings first, then the provider; a provider failure is logged. */
export async function searchPlaces(
  userId: number,
  query: PlaceQuery,
  provider: PlaceProvider = defaultProvider(),
): Promise<{ places: Place[] }> {
  const keyword = query.keyword.trim();
  const mine = await ownPlaces(userId, keyword);
  let found: Place[] = [];
  try {
    found = await provider.search({ ...query, keyword });
  } catch (error) {
    log.warn("places.search_failed", describeError(error));
  }
  const names = new Set(mine.map((place) => place.name));
  return {
    places: [...mine, ...found.filter((place) => !names.has(place.name))].slice(0, PLACE_LIMIT),
  };
}
