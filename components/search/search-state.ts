import { CITY_CENTRES, type CityCentre } from "@/lib/search/city-centres";

// The search as it lives in the page URL (short, readable names, so a link shared in WeChat
// reopens the same search), and its translation to /api/search_house and /api/search_map
// parameters. Client-safe.

const DEFAULT_CITY_CODE = 510100;
const DEFAULT_RADIUS_KM = 10;
const DEFAULT_ZOOM = 12;
/** Listings per page of the list (the server renders the first one). */
export const PAGE_SIZE = 20;
/** The basemap's deepest zoom (the tile layer's maxZoom in components/map/leaflet-map.tsx). */
export const MAX_ZOOM = 18;

/** sessionStorage: the last search's page URL, so the way back from a listing returns to it. */
export const LAST_SEARCH_KEY = "zhizu.search";
/** sessionStorage: where the list was scrolled when a card was opened. */
export const SCROLL_KEY = "zhizu.search-scroll";

export interface SearchState {
  /** GCJ-02 search centre; when absent the city centre is used. */
  lng: number | null;
  lat: number | null;
  city: number;
  zoom: number;
  radius: number;
  sort: number;
  q: string;
  rentMin: number | null;
  rentMax: number | null;
  sizeMin: number | null;
  sizeMax: number | null;
  /** 1 短租, 2 长租. */
  time: number | null;
  /** 1 整租, 2 单间. */
  room: number | null;
  beds: number[];
  dir: string[];
  deco: string[];
  src: number[];
  feat: string[];
  /** 只看房东本人: listings with the 房东本人 badge only. */
  owner: boolean;
  /** 区县 codes of the chosen city. */
  area: number[];
  /** "搜索此区域": the searched map area (minLng,minLat,maxLng,maxLat) instead of the radius. */
  bbox: string | null;
}

type Params = Pick<URLSearchParams, "get">;

const number = (value: string | null): number | null => {
  if (value === null || value.trim() === "") return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
};
const list = (value: string | null) => (value ? value.split("|").filter(Boolean) : []);
const numbers = (value: string | null) =>
  list(value)
    .map(Number)
    .filter((item) => Number.isInteger(item));
const oneOf = (value: number | null, allowed: number[]) =>
  value !== null && allowed.includes(value) ? value : null;

export function cityOf(code: number): CityCentre {
  return (
    CITY_CENTRES.find((city) => city.code === code) ??
    (CITY_CENTRES.find((city) => city.code === DEFAULT_CITY_CODE) as CityCentre)
  );
}

const BBOX = /^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/;

export function parseSearch(params: Params): SearchState {
  const lng = number(params.get("lng"));
  const lat = number(params.get("lat"));
  const hasPoint = lng !== null && lat !== null && Math.abs(lng) <= 180 && Math.abs(lat) <= 90;
  return {
    lng: hasPoint ? lng : null,
    lat: hasPoint ? lat : null,
    city: cityOf(number(params.get("city")) ?? DEFAULT_CITY_CODE).code,
    zoom: Math.min(MAX_ZOOM, Math.max(3, Math.round(number(params.get("z")) ?? DEFAULT_ZOOM))),
    radius: Math.min(50, Math.max(1, number(params.get("radius")) ?? DEFAULT_RADIUS_KM)),
    sort: oneOf(number(params.get("sort")), [1, 2, 3, 4, 5, 6]) ?? 1,
    q: (params.get("q") ?? "").slice(0, 50),
    rentMin: number(params.get("rent_min")),
    rentMax: number(params.get("rent_max")),
    sizeMin: number(params.get("size_min")),
    sizeMax: number(params.get("size_max")),
    time: oneOf(number(params.get("time")), [1, 2]),
    room: oneOf(number(params.get("room")), [1, 2]),
    beds: numbers(params.get("beds")),
    dir: list(params.get("dir")),
    deco: list(params.get("deco")),
    src: numbers(params.get("src")),
    feat: list(params.get("feat")),
    owner: params.get("owner") === "1",
    area: numbers(params.get("area")),
    bbox: BBOX.test(params.get("bbox") ?? "") ? params.get("bbox") : null,
  };
}

/** The page URL's query for a state; defaults are left out so links stay short. */
export function searchQuery(state: SearchState): string {
  const out = new URLSearchParams();
  const put = (name: string, value: string | number | null, skip?: string | number) => {
    if (value !== null && value !== "" && value !== skip) out.set(name, String(value));
  };
  if (state.lng !== null && state.lat !== null) {
    put("lng", state.lng.toFixed(5));
    put("lat", state.lat.toFixed(5));
  }
  put("city", state.city, DEFAULT_CITY_CODE);
  put("z", state.zoom, DEFAULT_ZOOM);
  put("radius", state.radius, DEFAULT_RADIUS_KM);
  put("sort", state.sort, 1);
  put("q", state.q.trim());
  put("rent_min", state.rentMin);
  put("rent_max", state.rentMax);
  put("size_min", state.sizeMin);
  put("size_max", state.sizeMax);
  put("time", state.time);
  put("room", state.room);
  put("beds", state.beds.join("|"));
  put("dir", state.dir.join("|"));
  put("deco", state.deco.join("|"));
  put("src", state.src.join("|"));
  put("feat", state.feat.join("|"));
  put("area", state.area.join("|"));
  put("owner", state.owner ? 1 : null);
  put("bbox", state.bbox);
  return out.toString();
}

const interval = (min: number | null, max: number | null) =>
  min === null && max === null ? null : `[${min ?? ""},${max ?? ""}]`;

/** Filters shared by the list and the map API (legacy names and formats). */
export function filterParams(state: SearchState): URLSearchParams {
  const out = new URLSearchParams();
  const put = (name: string, value: string | number | null) => {
    if (value !== null && value !== "") out.set(name, String(value));
  };
  put("house_name", state.q.trim());
  put("house_rent_fee", interval(state.rentMin, state.rentMax));
  put("house_size", interval(state.sizeMin, state.sizeMax));
  put("house_rent_time_type", state.time);
  put("house_rent_room_type", state.room);
  put("house_rooms", state.beds.join("|"));
  put("house_direction", state.dir.join("|"));
  put("house_decoration", state.deco.join("|"));
  put("house_source", state.src.join("|"));
  put("house_characteristic", state.feat.join("|"));
  put("county_code", state.area.join("|"));
  put("owner_verified", state.owner ? 1 : null);
  return out;
}

/** The list's centre: the chosen point, else the city centre (both GCJ-02). */
export function centreOf(state: SearchState): { lng: number; lat: number } {
  if (state.lng !== null && state.lat !== null) return { lng: state.lng, lat: state.lat };
  const city = cityOf(state.city);
  return { lng: city.longitude, lat: city.latitude };
}

/** How many filters (not position, sort or radius) are on, for the 筛选 button's badge. */
export function activeFilterCount(state: SearchState): number {
  return [
    state.rentMin !== null || state.rentMax !== null,
    state.sizeMin !== null || state.sizeMax !== null,
    state.time !== null,
    state.room !== null,
    state.beds.length > 0,
    state.dir.length > 0,
    state.deco.length > 0,
    state.src.length > 0,
    state.feat.length > 0,
    state.area.length > 0,
    state.owner,
  ].filter(Boolean).length;
}

export const clearedFilters: Partial<SearchState> = {
  rentMin: null,
  rentMax: null,
  sizeMin: null,
  sizeMax: null,
  time: null,
  room: null,
  beds: [],
  dir: [],
  deco: [],
  src: [],
  feat: [],
  area: [],
  owner: false,
};

/** The /api/search_house (and /api/search_count) query of a state, without paging. */
export function listQuery(state: SearchState): string {
  const query = filterParams(state);
  const centre = centreOf(state);
  query.set("longitude", centre.lng.toFixed(6));
  query.set("latitude", centre.lat.toFixed(6));
  if (state.bbox) query.set("bbox", state.bbox);
  else query.set("radius", String(state.radius));
  query.set("sort", String(state.sort));
  return query.toString();
}

/**
 * What changes the result set apart from the map's own position: when it changes, the map
 * fits the new results.
 */
export function resultKey(state: SearchState): string {
  return `${state.city}|${state.sort}|${filterParams(state).toString()}`;
}

/** The active filters in the sheet's order, each with the patch that drops it. */
export function activeFilters(
  state: SearchState,
  countyName: (code: number) => string,
): { label: string; drop: Partial<SearchState> }[] {
  const range = (min: number | null, max: number | null, unit: string) =>
    min !== null && max !== null
      ? `${min}-${max}${unit}`
      : min !== null
        ? `${min}${unit}以上`
        : `${max}${unit}以下`;
  const out: { label: string; drop: Partial<SearchState> }[] = [];
  if (state.area.length > 0)
    out.push({ label: state.area.map(countyName).join("、"), drop: { area: [] } });
  if (state.rentMin !== null || state.rentMax !== null)
    out.push({
      label: range(state.rentMin, state.rentMax, "元"),
      drop: { rentMin: null, rentMax: null },
    });
  if (state.room !== null)
    out.push({ label: state.room === 1 ? "整租" : "单间", drop: { room: null } });
  if (state.time !== null)
    out.push({ label: state.time === 2 ? "长租" : "短租", drop: { time: null } });
  if (state.beds.length > 0)
    out.push({ label: state.beds.map((beds) => `${beds}室`).join("、"), drop: { beds: [] } });
  if (state.sizeMin !== null || state.sizeMax !== null)
    out.push({
      label: range(state.sizeMin, state.sizeMax, "㎡"),
      drop: { sizeMin: null, sizeMax: null },
    });
  if (state.dir.length > 0) out.push({ label: state.dir.join("、"), drop: { dir: [] } });
  if (state.deco.length > 0) out.push({ label: state.deco.join("、"), drop: { deco: [] } });
  if (state.src.length > 0) out.push({ label: "房源来源", drop: { src: [] } });
  if (state.feat.length > 0) out.push({ label: state.feat.join("、"), drop: { feat: [] } });
  if (state.owner) out.push({ label: "只看房东本人", drop: { owner: false } });
  if (state.q.trim()) out.push({ label: `“${state.q.trim()}”`, drop: { q: "" } });
  return out;
}
