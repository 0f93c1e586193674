"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { type MouseEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import useSWR from "swr";
import { type FavoriteAnswer, useFavoriteIntent } from "@/components/house/favorite-button";
import {
  DynamicLeafletMap,
  type LngLat,
  type MapMarker,
  type MapView,
} from "@/components/map/dynamic-map";
import { countText, FilterSheet } from "@/components/search/filter-sheet";
import { RADII, SORTS } from "@/components/search/options";
import { type CardActions, ResultList } from "@/components/search/result-list";
import {
  activeFilterCount,
  activeFilters,
  centreOf,
  cityOf,
  filterParams,
  LAST_SEARCH_KEY,
  listQuery,
  MAX_ZOOM,
  parseSearch,
  resultKey,
  SCROLL_KEY,
  type SearchState,
  searchQuery,
} from "@/components/search/search-state";
import { OFFLINE_TEXT, useHeldWhileOffline, useOnline } from "@/components/ui/use-online";
import type { FavoriteItem } from "@/lib/favorites/favorites";
import { CITY_CENTRES } from "@/lib/search/city-centres";
import { MAX_BBOX_SPAN } from "@/lib/search/limits";
import type { SearchCount, SearchResult } from "@/lib/search/search-houses";
import type { MapMarker as ListingMarker, MapCluster } from "@/lib/search/search-map";
import { fetcher } from "@/lib/swr/fetcher";

const VIEW_DEBOUNCE_MS = 500;
/** A pan shorter than this (degrees, ~100 m) does not move the list's centre. */
const MIN_MOVE = 0.001;

/** The browser's position (WGS-84) converted to GCJ-02, the basemap's and the API's system. */
async function locate(): Promise<LngLat> {
  // The converter is loaded only when the position is asked for, not with the page.
  const { toGcj02 } = await import("@/lib/coordinates");
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

function boundsOf(items: SearchResult[]): MapView["bounds"] | undefined {
  const points = items.filter((item) => item.longitude != null && item.latitude != null);
  if (points.length === 0) return undefined;
  const lngs = points.map((item) => item.longitude as number);
  const lats = points.map((item) => item.latitude as number);
  return {
    west: Math.min(...lngs),
    east: Math.max(...lngs),
    south: Math.min(...lats),
    north: Math.max(...lats),
  };
}

export interface FirstResults {
  /** The listQuery these results answer. */
  query: string;
  results: SearchResult[];
  count: SearchCount;
}

/** 找房: map and list of one search, kept in the URL so the link can be shared. */
export function SearchPage({
  tileUrl,
  first,
  counties,
  signedIn,
}: {
  tileUrl: string;
  /** The URL's search, answered on the server so the first HTML already holds listings. */
  first: FirstResults | null;
  /** 区县 of each city in the picker, [code, name]. */
  counties: Record<number, [number, string][]>;
  signedIn: boolean;
}) {
  const pathname = usePathname();
  const params = useSearchParams();
  const state = useMemo(() => parseSearch(params), [params]);
  const stateRef = useRef(state);
  stateRef.current = state;
  const online = useOnline();

  // The URL changes through the History API, which Next.js routes into useSearchParams without
  // asking the server for anything: a filter or sort change works offline and costs no request.
  const update = useCallback(
    (patch: Partial<SearchState>) => {
      const query = searchQuery({ ...stateRef.current, ...patch });
      const url = query ? `${pathname}?${query}` : pathname;
      window.history.replaceState(null, "", url);
      sessionStorage.setItem(LAST_SEARCH_KEY, url);
    },
    [pathname],
  );
  useEffect(() => {
    sessionStorage.setItem(LAST_SEARCH_KEY, window.location.pathname + window.location.search);
  }, []);

  // The map moves only on purpose (city, 定位, a cluster tap's focus), never on its own moves.
  const [mapCentre, setMapCentre] = useState<LngLat>(() => centreOf(state));
  const [focus, setFocus] = useState<{ center: LngLat; zoom: number }>();
  const [view, setView] = useState<MapView | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [locating, setLocating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [text, setText] = useState(state.q);
  const [fit, setFit] = useState<MapView["bounds"]>();
  const [panned, setPanned] = useState(false);
  /** Set while the map moves because of a fit or focus, not the user. */
  const programmaticMove = useRef(true); // the map's first view is not a pan

  // A new city, filter, text or sort fits the map to the new results once they arrive.
  // Offline the list, count and map keep the search they last sent; the URL's is sent online.
  const key = useHeldWhileOffline(resultKey(state), online);
  const fittedKey = useRef(key);
  const query = useHeldWhileOffline(listQuery(state), online);
  const onResults = useCallback(
    (answered: string, items: SearchResult[]) => {
      if (answered !== query || fittedKey.current === key) return;
      fittedKey.current = key;
      const bounds = boundsOf(items);
      if (bounds) {
        programmaticMove.current = true;
        setPanned(false);
        setFit(bounds);
      }
    },
    [query, key],
  );

  // Favourites: the hearts of the signed-in user's saved listings.
  const { data: saved, mutate: mutateSaved } = useSWR<FavoriteItem[]>(
    signedIn ? "/api/my_favorites?count=100" : null,
    fetcher,
  );
  const favorites = useMemo(() => new Set((saved ?? []).map((item) => item.house_id)), [saved]);
  const onFavorite = useCallback(
    (answer: FavoriteAnswer) => {
      void mutateSaved(
        (current = []) =>
          answer.favorited
            ? [{ house_id: answer.house_id } as FavoriteItem, ...current]
            : current.filter((item) => item.house_id !== answer.house_id),
        { revalidate: false },
      );
    },
    [mutateSaved],
  );
  useFavoriteIntent(signedIn, onFavorite);

  const listSection = useRef<HTMLElement>(null);
  const onOpen = useCallback((event: MouseEvent<HTMLAnchorElement>) => {
    if (!navigator.onLine) {
      // Following the link offline would replace the page with the browser's error page; the
      // offline banner is already showing and goes when the network returns.
      event.preventDefault();
      return;
    }
    sessionStorage.setItem(
      SCROLL_KEY,
      JSON.stringify({
        url: window.location.pathname + window.location.search,
        page: window.scrollY,
        list: listSection.current?.scrollTop ?? 0,
      }),
    );
  }, []);
  const actions = useMemo<CardActions>(
    () => ({ signedIn, favorites, onFavorite, onOpen }),
    [signedIn, favorites, onFavorite, onOpen],
  );

  // Back from a listing: the same URL comes back; restore where the list was scrolled.
  const restoreScroll = useCallback(() => {
    const saved = sessionStorage.getItem(SCROLL_KEY);
    if (!saved) return;
    const { url, page, list } = JSON.parse(saved) as { url: string; page: number; list: number };
    if (url !== window.location.pathname + window.location.search) return;
    sessionStorage.removeItem(SCROLL_KEY);
    requestAnimationFrame(() => {
      window.scrollTo(0, page);
      if (listSection.current) listSection.current.scrollTop = list;
    });
  }, []);
  const restored = useRef(false);
  const onListResults = useCallback(
    (answered: string, items: SearchResult[]) => {
      if (!restored.current && items.length > 0) {
        restored.current = true;
        restoreScroll();
      }
      onResults(answered, items);
    },
    [onResults, restoreScroll],
  );

  const { data: count } = useSWR<SearchCount>(`/api/search_count?${query}`, fetcher, {
    keepPreviousData: true,
    fallbackData: first?.query === query ? first.count : undefined,
    revalidateOnMount: first?.query !== query,
  });

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
      if (programmaticMove.current) programmaticMove.current = false;
      else setPanned(true);
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

  const tooWide =
    view !== null &&
    (view.bounds.east - view.bounds.west > MAX_BBOX_SPAN ||
      view.bounds.north - view.bounds.south > MAX_BBOX_SPAN);
  const mapKey =
    view && !tooWide
      ? `/api/search_map?bbox=${[view.bounds.west, view.bounds.south, view.bounds.east, view.bounds.north].map((value) => value.toFixed(6)).join(",")}&zoom=${view.zoom}${filters ? `&${filters}` : ""}`
      : null;
  const { data: mapData } = useSWR<{ markers: ListingMarker[]; clusters: MapCluster[] }>(
    useHeldWhileOffline(mapKey, online),
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
      programmaticMove.current = true;
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
  const cityCounties = counties[city.code] ?? [];
  const countyName = (code: number) =>
    cityCounties.find(([value]) => value === code)?.[1] ?? String(code);
  const searchArea = () => {
    const bounds = viewRef.current?.bounds;
    if (!bounds) return;
    setPanned(false);
    update({
      bbox: [bounds.west, bounds.south, bounds.east, bounds.north]
        .map((value) => value.toFixed(5))
        .join(","),
    });
  };

  const applied = activeFilters(state, countyName);
  const last = applied.at(-1);
  const empty =
    count && !count.area_has_listings ? (
      <p className="p-6 text-center text-sm text-stone-500" data-testid="no-results">
        {state.bbox || state.lng !== null
          ? "这个区域还没有房源，换个地方看看"
          : `${city.name}还没有房源，换个城市看看`}
      </p>
    ) : (
      <div className="p-6 text-center text-sm text-stone-500" data-testid="no-results">
        <p>没有符合筛选条件的房源</p>
        {last && (
          <button
            type="button"
            onClick={() => update(last.drop)}
            className="mt-3 rounded-full border border-brand px-4 py-1.5 text-brand"
          >
            去掉「{last.label}」
          </button>
        )}
      </div>
    );

  return (
    <div className="flex min-h-dvh flex-col pb-16 md:h-dvh md:pb-14 lg:h-[calc(100dvh-3.5rem)] lg:min-h-0 lg:pb-0">
      <header className="z-10 space-y-2 border-b border-stone-200 bg-white px-3 py-2">
        <div className="flex items-center gap-2">
          <select
            aria-label="城市"
            value={city.code}
            onChange={(event) => {
              const chosen = cityOf(Number(event.target.value));
              setMapCentre({ lng: chosen.longitude, lat: chosen.latitude });
              update({ city: chosen.code, lng: null, lat: null, bbox: null, area: [] });
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
            onChange={(event) => update({ radius: Number(event.target.value), bbox: null })}
            className="rounded-full border border-stone-300 bg-white px-2 py-1"
          >
            {RADII.map((radius) => (
              <option key={radius} value={radius}>
                {radius}公里内
              </option>
            ))}
          </select>
        </div>
        {notice && online && <p className="text-xs text-amber-700">{notice}</p>}
        {!online && (
          <p role="status" className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-800">
            {OFFLINE_TEXT}
          </p>
        )}
      </header>

      <div className="flex flex-1 flex-col md:grid md:min-h-0 md:grid-cols-[minmax(360px,420px)_1fr]">
        <div className="relative md:order-2 md:h-full">
          <DynamicLeafletMap
            tileUrl={tileUrl}
            center={mapCentre}
            zoom={state.zoom}
            focus={focus}
            fit={fit}
            markers={markers}
            onMarkerClick={onMarkerClick}
            onMapClick={() => setSelected(null)}
            onViewChange={onViewChange}
            className="h-[42vh] w-full md:h-full"
            label="房源地图"
          />
          {panned && !tooWide && (
            <button
              type="button"
              onClick={searchArea}
              className="absolute inset-x-0 top-2 z-[500] mx-auto w-fit rounded-full bg-white px-4 py-1.5 text-sm font-medium text-brand shadow"
            >
              搜索此区域
            </button>
          )}
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
        <section ref={listSection} aria-label="搜索结果" className="md:order-1 md:overflow-y-auto">
          <p className="px-3 pb-2 pt-3 text-sm text-stone-600" data-testid="result-count">
            {count ? (
              <>
                共找到 <span className="font-semibold text-stone-900">{countText(count)}</span> 套
                {state.bbox && (
                  <button
                    type="button"
                    onClick={() => update({ bbox: null })}
                    className="ml-2 text-brand"
                  >
                    · 当前区域 ×
                  </button>
                )}
              </>
            ) : (
              "\u00a0"
            )}
          </p>
          <ResultList
            query={query}
            activeId={selected}
            firstPage={first?.query === query ? first.results : undefined}
            actions={actions}
            empty={empty}
            onResults={onListResults}
          />
        </section>
      </div>

      {filtersOpen && (
        <FilterSheet
          state={state}
          counties={cityCounties}
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
