"use client";

import Link from "next/link";
import { useState } from "react";
import { FavoriteButton } from "@/components/house/favorite-button";
import { ListingCard } from "@/components/house/listing-card";
import type { FavoriteItem } from "@/lib/favorites/favorites";

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
      {items.map((item) => (
        <ListingCard
          key={item.house_id}
          item={item}
          available={item.available}
          testId="favorite-item"
          action={
            <FavoriteButton
              houseId={item.house_id}
              favorited
              signedIn
              onChange={() =>
                setItems((current) => current.filter((other) => other.house_id !== item.house_id))
              }
              className="absolute bottom-2 right-2 p-1.5"
            />
          }
        />
      ))}
    </ul>
  );
}
