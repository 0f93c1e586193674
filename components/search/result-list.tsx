"use client";

import Link from "next/link";
import { type MouseEvent, type ReactNode, useEffect, useRef } from "react";
import useSWRInfinite from "swr/infinite";
import { type FavoriteAnswer, FavoriteButton } from "@/components/house/favorite-button";
import { PAGE_SIZE } from "@/components/search/search-state";
import { PAYMENT_TYPES, type PaymentType, RENT_ROOM_TYPES } from "@/lib/houses/fields";
import type { SearchResult } from "@/lib/search/search-houses";
import { errorText, fetcher } from "@/lib/swr/fetcher";

function distanceText(km: number): string {
  return km < 1 ? `${Math.round(km * 1000)}m` : `${km.toFixed(1)}km`;
}

export interface CardActions {
  signedIn: boolean;
  favorites: ReadonlySet<number>;
  onFavorite: (answer: FavoriteAnswer) => void;
  /** Before a card opens its listing: may cancel it (offline) and remembers the scroll. */
  onOpen: (event: MouseEvent<HTMLAnchorElement>) => void;
}

function ResultCard({
  item,
  active = false,
  actions,
}: {
  item: SearchResult;
  active?: boolean;
  actions: CardActions;
}) {
  const roomType = item.rent_room_type
    ? RENT_ROOM_TYPES[item.rent_room_type as keyof typeof RENT_ROOM_TYPES]
    : null;
  const payment = item.payment_type ? PAYMENT_TYPES[item.payment_type as PaymentType] : null;
  return (
    <li id={`result-${item.house_id}`} className="relative">
      <Link
        href={`/houses/${item.house_id}`}
        // Prefetching every card would compete with the search itself on a slow network.
        prefetch={false}
        onClick={actions.onOpen}
        data-testid="search-result"
        className={`flex gap-3 rounded-xl bg-white p-2.5 shadow-sm ring-brand ${active ? "ring-2" : ""}`}
      >
        <div className="h-20 w-24 shrink-0 overflow-hidden rounded-lg bg-stone-200">
          {item.cover_thumb_url && (
            // biome-ignore lint/performance/noImgElement: thumbnails from our own file route
            <img
              src={item.cover_thumb_url}
              alt=""
              loading="lazy"
              className="h-full w-full object-cover"
            />
          )}
        </div>
        <div className="min-w-0 flex-1">
          <p className="truncate font-medium">{item.title || item.community || "房源"}</p>
          <p className="mt-0.5 truncate text-xs text-stone-500">
            {[
              roomType,
              item.house_type,
              item.house_size ? `${item.house_size}㎡` : null,
              item.community,
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
          <p className="mt-1 flex items-baseline justify-between">
            <span>
              <span className="text-lg font-semibold text-brand" data-testid="result-rent">
                ¥{item.house_rent ?? "—"}
              </span>
              <span className="text-xs text-stone-500">/月</span>
              {payment && <span className="ml-1 text-xs text-stone-500">{payment}</span>}
            </span>
            <span className="mr-8 text-xs text-stone-400">{distanceText(item.distance)}</span>
          </p>
        </div>
      </Link>
      <FavoriteButton
        houseId={item.house_id}
        favorited={actions.favorites.has(item.house_id)}
        signedIn={actions.signedIn}
        onChange={actions.onFavorite}
        className="absolute bottom-2 right-2 p-1.5"
      />
    </li>
  );
}

/** Listings of the search, the next page appended as the end of the list scrolls in. */
export function ResultList({
  query,
  activeId,
  firstPage,
  actions,
  empty,
  onResults,
}: {
  query: string;
  activeId: number | null;
  /** The first page rendered on the server for this query, if any. */
  firstPage?: SearchResult[];
  actions: CardActions;
  /** Shown when the search finds nothing. */
  empty: ReactNode;
  onResults?: (query: string, items: SearchResult[]) => void;
}) {
  const { data, error, size, setSize, isLoading, isValidating } = useSWRInfinite<SearchResult[]>(
    (index, previous) =>
      previous && previous.length < PAGE_SIZE
        ? null
        : `/api/search_house?${query}&shift=${index * PAGE_SIZE}&count=${PAGE_SIZE}`,
    fetcher,
    {
      revalidateFirstPage: false,
      revalidateOnMount: firstPage === undefined,
      // Offline or while a new search loads, the list already shown stays.
      keepPreviousData: true,
      fallbackData: firstPage ? [firstPage] : undefined,
    },
  );
  // The pages last shown stay on screen while another search loads or fails (offline).
  const shown = useRef<SearchResult[][] | undefined>(undefined);
  if (data) shown.current = data;
  const items = (data ?? shown.current)?.flat() ?? [];
  const finished = (data?.at(-1)?.length ?? PAGE_SIZE) < PAGE_SIZE;
  const loadingMore = isValidating && data !== undefined && data.length < size;
  const sentinel = useRef<HTMLDivElement>(null);

  const firstItems = data?.[0];
  useEffect(() => {
    if (firstItems && !isValidating) onResults?.(query, firstItems);
  }, [firstItems, isValidating, query, onResults]);

  useEffect(() => {
    const target = sentinel.current;
    if (!target || finished || error) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting) && !isValidating)
          void setSize((current) => current + 1);
      },
      { rootMargin: "400px" },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [finished, error, isValidating, setSize]);

  if (error && items.length === 0) {
    return (
      <p role="alert" className="m-3 rounded bg-red-50 p-3 text-sm text-red-700">
        {errorText(error)}
      </p>
    );
  }
  if (isLoading && items.length === 0) {
    return <p className="p-6 text-center text-sm text-stone-500">正在搜索附近房源…</p>;
  }
  if (items.length === 0) return empty;
  return (
    <div className="p-3 pt-0">
      <ul className="space-y-2.5" aria-label="房源列表">
        {items.map((item) => (
          <ResultCard
            key={item.house_id}
            item={item}
            active={item.house_id === activeId}
            actions={actions}
          />
        ))}
      </ul>
      <div ref={sentinel} className="py-4 text-center text-xs text-stone-400">
        {finished ? "没有更多了" : loadingMore ? "加载中…" : ""}
      </div>
    </div>
  );
}
