"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import useSWR from "swr";
import {
  DynamicLeafletMap,
  type LngLat,
  type MapMarker,
  type MapView,
} from "@/components/map/dynamic-map";
import { FilterSheet } from "@/components/search/filter-sheet";
import { RADII, SORTS } from "@/components/search/options";
import { ResultList } from "@/components/search/result-list";
import {
  activeFilterCount,
  centreOf,
  cityOf,
  filterParams,
  MAX_ZOOM,
  parseSearch,
  type SearchState,
  searchQuery,
} from "@/components/search/search-state";
import { toGcj02 } from "@/lib/coordinates";
import { CITY_CENTRES } from "@/lib/search/city-centres";
import { MAX_BBOX_SPAN } from "@/lib/search/params";
import type { MapMarker as ListingMarker, MapCluster } from "@/lib/search/search-map";
import { fetcher } from "@/lib/swr/fetcher";

const VIEW_DEBOUNCE_MS = 500;
/** A pan shorter than this (degrees, ~100 m) does not move the list's centre. */
const MIN_MOVE = 0.001;

/** The browser's position (WGS-84) converted to GCJ-02, the basemap's and the API's system. */
function locate(): Promise<LngLat> {
  return new Promise((resolve, reject) => {
    if (!("geolocation" in navigator)) return reject(new Error("no geolocation"));
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        const [lng, lat] = toGcj02(coords.longitude, coords.latitude, "wgs84");
        resolve({ lng, lat });
      },
      reject,
      { enableHighAccuracy: false, timeout: 8000, maximumAge: 10 * 60 * 1000 },
    );
  });
}

/** 找房: map and list of one search, kept in the URL so the link can be shared. */
export function SearchPage({ tileUrl }: { tileUrl: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const state = useMemo(() => parseSearch(params), [params]);
  const stateRef = useRef(state);
  stateRef.current = state;

  const update = useCallback(
    (patch: Partial<SearchState>) => {
      const query = searchQuery({ ...stateRef.current, ...patch });
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname],
  );

  // The map moves only on purpose (city, 定位, a cluster tap's focus), never on its own moves.
  const [mapCentre, setMapCentre] = useState<LngLat>(() => centreOf(state));
  const [focus, setFocus] = useState<{ center: LngLat; zoom: number }>();
  const [view, setView] = useState<MapView | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [locating, setLocating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [text, setText] = useState(state.q);

  const locateMe = useCallback(
    async (quiet: boolean) => {
      setLocating(true);
      try {
        const point = await locate();
        setMapCentre(point);
        update({ lng: point.lng, lat: point.lat });
        setNotice(null);
      } catch {
        if (!quiet) setNotice("无法获取你的位置，请在上方选择城市");
      } finally {
        setLocating(false);
      }
    },
    [update],
  );

  // First visit without a place in the link: try the browser's position, else stay on the city.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on the first render's URL
  useEffect(() => {
    if (!params.has("lng") && !params.has("city")) void locateMe(true);
  }, []);

  const viewTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The map's latest view, undebounced, so a cluster tap zooms from where the map really is.
  const viewRef = useRef<MapView | null>(null);
  const onViewChange = useCallback(
    (next: MapView) => {
      viewRef.current = next;
      clearTimeout(viewTimer.current);
      viewTimer.current = setTimeout(() => {
        setView(next);
        const current = centreOf(stateRef.current);
        const moved =
          Math.abs(current.lng - next.center.lng) > MIN_MOVE ||
          Math.abs(current.lat - next.center.lat) > MIN_MOVE;
        if (moved || next.zoom !== stateRef.current.zoom) {
          update({ lng: next.center.lng, lat: next.center.lat, zoom: next.zoom });
        }
      }, VIEW_DEBOUNCE_MS);
    },
    [update],
  );
  useEffect(() => () => clearTimeout(viewTimer.current), []);

  const filters = filterParams(state).toString();
  const centre = centreOf(state);
  const listQuery = new URLSearchParams(filters);
  listQuery.set("longitude", centre.lng.toFixed(6));
  listQuery.set("latitude", centre.lat.toFixed(6));
  listQuery.set("radius", String(state.radius));
  listQuery.set("sort", String(state.sort));

  const tooWide =
    view !== null &&
    (view.bounds.east - view.bounds.west > MAX_BBOX_SPAN ||
      view.bounds.north - view.bounds.south > MAX_BBOX_SPAN);
  const mapKey =
    view && !tooWide
      ? `/api/search_map?bbox=${[view.bounds.west, view.bounds.south, view.bounds.east, view.bounds.north].map((value) => value.toFixed(6)).join(",")}&zoom=${view.zoom}${filters ? `&${filters}` : ""}`
      : null;
  const { data: mapData } = useSWR<{ markers: ListingMarker[]; clusters: MapCluster[] }>(
    mapKey,
    fetcher,
    { keepPreviousData: true },
  );
  const markers = useMemo<MapMarker[]>(
    () => [
      ...(mapData?.clusters ?? []).map((cluster, index) => ({
        id: `cluster-${index}`,
        lng: cluster.longitude,
        lat: cluster.latitude,
        label: String(cluster.count),
        cluster: true,
      })),
      ...(mapData?.markers ?? []).map((marker) => ({
        id: marker.house_id,
        lng: marker.longitude,
        lat: marker.latitude,
        label: marker.house_rent ? `¥${marker.house_rent}` : "",
        active: marker.house_id === selected,
      })),
    ],
    [mapData, selected],
  );
  const selectedMarker = mapData?.markers.find((marker) => marker.house_id === selected);

  const onMarkerClick = useCallback((marker: MapMarker) => {
    if (marker.cluster) {
      // Zoom in on the cluster so it splits into smaller ones or single listings.
      const zoom = Math.min(MAX_ZOOM, (viewRef.current?.zoom ?? stateRef.current.zoom) + 2);
      setFocus({ center: { lng: marker.lng, lat: marker.lat }, zoom });
      return;
    }
    const id = Number(marker.id);
    setSelected(id);
    document
      .getElementById(`result-${id}`)
      ?.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }, []);

  const filterCount = activeFilterCount(state);
  const city = cityOf(state.city);

  return (
    <div className="flex min-h-dvh flex-col pb-16 md:h-dvh md:pb-14">
      <header className="z-10 space-y-2 border-b border-stone-200 bg-white px-3 py-2">
        <div className="flex items-center gap-2">
          <select
            aria-label="城市"
            value={city.code}
            onChange={(event) => {
              const chosen = cityOf(Number(event.target.value));
              setMapCentre({ lng: chosen.longitude, lat: chosen.latitude });
              update({ city: chosen.code, lng: null, lat: null });
            }}
            className="max-w-24 shrink-0 rounded-lg bg-stone-100 px-2 py-1.5 text-sm font-medium"
          >
            {CITY_CENTRES.map((option) => (
              <option key={option.code} value={option.code}>
                {option.name}
              </option>
            ))}
          </select>
          <search className="min-w-0 flex-1">
            <form
              onSubmit={(event) => {
                event.preventDefault();
                update({ q: text });
              }}
            >
              <input
                type="search"
                aria-label="搜索小区或标题"
                placeholder="搜索小区、标题"
                value={text}
                onChange={(event) => setText(event.target.value)}
                className="w-full rounded-lg bg-stone-100 px-3 py-1.5 text-sm"
              />
            </form>
          </search>
          <button
            type="button"
            onClick={() => void locateMe(false)}
            disabled={locating}
            className="shrink-0 rounded-lg px-2 py-1.5 text-sm text-brand disabled:opacity-50"
          >
            {locating ? "定位中…" : "定位"}
          </button>
        </div>
        <div className="flex items-center gap-2 text-sm">
          <button
            type="button"
            onClick={() => setFiltersOpen(true)}
            className={`rounded-full border px-3 py-1 ${filterCount > 0 ? "border-brand text-brand" : "border-stone-300"}`}
          >
            筛选{filterCount > 0 ? ` · ${filterCount}` : ""}
          </button>
          <select
            aria-label="排序"
            value={state.sort}
            onChange={(event) => update({ sort: Number(event.target.value) })}
            className="rounded-full border border-stone-300 bg-white px-2 py-1"
          >
            {SORTS.map((sort) => (
              <option key={sort.value} value={sort.value}>
                {sort.label}
              </option>
            ))}
          </select>
          <select
            aria-label="范围"
            value={state.radius}
            onChange={(event) => update({ radius: Number(event.target.value) })}
            className="rounded-full border border-stone-300 bg-white px-2 py-1"
          >
            {RADII.map((radius) => (
              <option key={radius} value={radius}>
                {radius}公里内
              </option>
            ))}
          </select>
        </div>
        {notice && <p className="text-xs text-amber-700">{notice}</p>}
      </header>

      <div className="flex flex-1 flex-col md:grid md:min-h-0 md:grid-cols-[minmax(360px,420px)_1fr]">
        <div className="relative md:order-2 md:h-full">
          <DynamicLeafletMap
            tileUrl={tileUrl}
            center={mapCentre}
            zoom={state.zoom}
            focus={focus}
            markers={markers}
            onMarkerClick={onMarkerClick}
            onMapClick={() => setSelected(null)}
            onViewChange={onViewChange}
            className="h-[42vh] w-full md:h-full"
            label="房源地图"
          />
          {tooWide && (
            <p className="absolute inset-x-0 top-2 z-[500] mx-auto w-fit rounded-full bg-black/70 px-3 py-1 text-xs text-white">
              放大地图查看房源
            </p>
          )}
          {selectedMarker && (
            <Link
              href={`/houses/${selectedMarker.house_id}`}
              className="absolute inset-x-3 bottom-3 z-[500] flex items-center justify-between rounded-xl bg-white px-4 py-3 text-sm shadow-lg"
            >
              <span>
                <span className="text-lg font-semibold text-brand">
                  ¥{selectedMarker.house_rent}
                </span>
                /月
              </span>
              <span className="text-brand">查看房源 ›</span>
            </Link>
          )}
        </div>
        <section aria-label="搜索结果" className="md:order-1 md:overflow-y-auto">
          <ResultList query={listQuery.toString()} activeId={selected} />
        </section>
      </div>

      {filtersOpen && (
        <FilterSheet
          state={state}
          onClose={() => setFiltersOpen(false)}
          onApply={(draft) => {
            setFiltersOpen(false);
            update(draft);
          }}
        />
      )}
    </div>
  );
}
