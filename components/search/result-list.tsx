"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import useSWRInfinite from "swr/infinite";
import { PAYMENT_TYPES, type PaymentType, RENT_ROOM_TYPES } from "@/lib/houses/fields";
import type { SearchResult } from "@/lib/search/search-houses";
import { errorText, fetcher } from "@/lib/swr/fetcher";

const PAGE_SIZE = 20;

function distanceText(km: number): string {
  return km < 1 ? `${Math.round(km * 1000)}m` : `${km.toFixed(1)}km`;
}

function ResultCard({ item, active }: { item: SearchResult; active: boolean }) {
  const roomType = item.rent_room_type
    ? RENT_ROOM_TYPES[item.rent_room_type as keyof typeof RENT_ROOM_TYPES]
    : null;
  const payment = item.payment_type ? PAYMENT_TYPES[item.payment_type as PaymentType] : null;
  return (
    <li id={`result-${item.house_id}`}>
      <Link
        href={`/houses/${item.house_id}`}
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
            <span className="text-xs text-stone-400">{distanceText(item.distance)}</span>
          </p>
        </div>
      </Link>
    </li>
  );
}

/** Listings near the search centre, newest page appended as the end of the list scrolls in. */
export function ResultList({ query, activeId }: { query: string; activeId: number | null }) {
  const { data, error, size, setSize, isLoading, isValidating } = useSWRInfinite<SearchResult[]>(
    (index, previous) =>
      previous && previous.length < PAGE_SIZE
        ? null
        : `/api/search_house?${query}&shift=${index * PAGE_SIZE}&count=${PAGE_SIZE}`,
    fetcher,
    { revalidateFirstPage: false },
  );
  const items = data?.flat() ?? [];
  const finished = (data?.at(-1)?.length ?? PAGE_SIZE) < PAGE_SIZE;
  const loadingMore = isValidating && data !== undefined && data.length < size;
  const sentinel = useRef<HTMLDivElement>(null);

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
  if (isLoading) {
    return <p className="p-6 text-center text-sm text-stone-500">正在搜索附近房源…</p>;
  }
  if (items.length === 0) {
    return (
      <p className="p-6 text-center text-sm text-stone-500" data-testid="no-results">
        附近没有符合条件的房源，试试扩大范围或减少筛选条件
      </p>
    );
  }
  return (
    <div className="p-3">
      <ul className="space-y-2.5" aria-label="房源列表">
        {items.map((item) => (
          <ResultCard key={item.house_id} item={item} active={item.house_id === activeId} />
        ))}
      </ul>
      <div ref={sentinel} className="py-4 text-center text-xs text-stone-400">
        {finished ? `共 ${items.length} 套` : loadingMore ? "加载中…" : ""}
      </div>
    </div>
  );
}
