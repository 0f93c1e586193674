"use client";

import { type MouseEvent, type ReactNode, useEffect, useRef } from "react";
import useSWRInfinite from "swr/infinite";
import { type FavoriteAnswer, FavoriteButton } from "@/components/house/favorite-button";
import { ListingCard } from "@/components/house/listing-card";
import { PAGE_SIZE } from "@/components/search/search-state";
import type { SearchResult } from "@/lib/search/search-houses";
import { errorText, fetcher } from "@/lib/swr/fetcher";

export interface CardActions {
  signedIn: boolean;
  favorites: ReadonlySet<number>;
  onFavorite: (answer: FavoriteAnswer) => void;
  /** Before a card opens its listing: may cancel it (offline) and remembers the scroll. */
  onOpen: (event: MouseEvent<HTMLAnchorElement>) => void;
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
          <ListingCard
            key={item.house_id}
            id={`result-${item.house_id}`}
            item={item}
            active={item.house_id === activeId}
            onOpen={actions.onOpen}
            linkTestId="search-result"
            action={
              <FavoriteButton
                houseId={item.house_id}
                favorited={actions.favorites.has(item.house_id)}
                signedIn={actions.signedIn}
                onChange={actions.onFavorite}
                className="absolute bottom-2 right-2 p-1.5"
              />
            }
          />
        ))}
      </ul>
      <div ref={sentinel} className="py-4 text-center text-xs text-stone-400">
        {finished ? "没有更多了" : loadingMore ? "加载中…" : ""}
      </div>
    </div>
  );
}
