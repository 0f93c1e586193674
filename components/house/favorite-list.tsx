"use client";

import Link from "next/link";
import { useState } from "react";
import { FavoriteButton } from "@/components/house/favorite-button";
import type { FavoriteItem } from "@/lib/favorites/favorites";
import { RENT_ROOM_TYPES } from "@/lib/houses/fields";

/** 我的收藏: saved listings; those no longer published stay, marked, until removed. */
export function FavoriteList({ initial }: { initial: FavoriteItem[] }) {
  const [items, setItems] = useState(initial);
  if (items.length === 0)
    return (
      <p className="py-10 text-center text-sm text-stone-500" data-testid="no-favorites">
        还没有收藏的房源，
        <Link href="/" className="text-brand">
          去找房
        </Link>
      </p>
    );
  return (
    <ul className="space-y-2.5" aria-label="收藏的房源">
      {items.map((item) => {
        const body = (
          <>
            <div className="h-20 w-24 shrink-0 overflow-hidden rounded-lg bg-stone-200">
              {item.cover_thumb_url && (
                // biome-ignore lint/performance/noImgElement: thumbnails from our own file route
                <img src={item.cover_thumb_url} alt="" className="h-full w-full object-cover" />
              )}
            </div>
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium">{item.title || item.community || "房源"}</p>
              <p className="mt-0.5 truncate text-xs text-stone-500">
                {[
                  item.rent_room_type
                    ? RENT_ROOM_TYPES[item.rent_room_type as keyof typeof RENT_ROOM_TYPES]
                    : null,
                  item.house_type,
                  item.house_size ? `${item.house_size}㎡` : null,
                  item.community,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
              <p className="mt-1">
                <span className="text-lg font-semibold text-brand">¥{item.house_rent ?? "—"}</span>
                <span className="text-xs text-stone-500">/月</span>
                {!item.available && (
                  <span className="ml-2 rounded bg-stone-200 px-1.5 py-0.5 text-xs text-stone-600">
                    已下架
                  </span>
                )}
              </p>
            </div>
          </>
        );
        return (
          <li key={item.house_id} className="relative" data-testid="favorite-item">
            {item.available ? (
              <Link
                href={`/houses/${item.house_id}`}
                prefetch={false}
                className="flex gap-3 rounded-xl bg-white p-2.5 shadow-sm"
              >
                {body}
              </Link>
            ) : (
              <div className="flex gap-3 rounded-xl bg-white p-2.5 opacity-60 shadow-sm">
                {body}
              </div>
            )}
            <FavoriteButton
              houseId={item.house_id}
              favorited
              signedIn
              onChange={() =>
                setItems((current) => current.filter((other) => other.house_id !== item.house_id))
              }
              className="absolute bottom-2 right-2 p-1.5"
            />
          </li>
        );
      })}
    </ul>
  );
}
