import Link from "next/link";
import type { MouseEvent, ReactNode } from "react";
import type { ListingCardFields } from "@/lib/houses/card";
import { PAYMENT_TYPES, type PaymentType, RENT_ROOM_TYPES } from "@/lib/houses/labels";

// The one listing card: the search list, 我的收藏 and the detail page's strips (附近相似房源,
// 房东的其他房源). No client code of its own, so server pages render it as plain HTML; the
// search list and 我的收藏 pass their interaction in (onOpen, the heart as `action`).

/** What a card shows; the search answer and 我的收藏's items both have it. */
export interface CardListing extends ListingCardFields {
  payment_type?: string | null;
  /** Kilometres from the search centre or the listing being viewed. */
  distance?: number;
  /** The listing shows 房东本人 (its linked property certificate is the owner's). */
  owner_verified?: boolean;
  /** "X 天前确认在租" / "N 天未确认在租", when the search answer has it. */
  freshness_text?: string | null;
  confirmed_days_ago?: number | null;
}

function distanceText(km: number): string {
  return km < 1 ? `${Math.round(km * 1000)}m` : `${km.toFixed(1)}km`;
}

export function ListingCard({
  item,
  layout = "row",
  available = true,
  active = false,
  onOpen,
  action,
  testId,
  linkTestId,
  id,
  className = "",
}: {
  item: CardListing;
  /** "row": photo beside the facts (lists); "tile": photo above, for a horizontal strip. */
  layout?: "row" | "tile";
  /** False for a listing taken off: shown dimmed, marked 已下架, not a link. */
  available?: boolean;
  /** Highlighted (its pin is selected on the map). */
  active?: boolean;
  /** Before the card opens its listing; may cancel the navigation. */
  onOpen?: (event: MouseEvent<HTMLAnchorElement>) => void;
  /** A control over the card's bottom right corner (the heart). */
  action?: ReactNode;
  testId?: string;
  linkTestId?: string;
  id?: string;
  className?: string;
}) {
  const tile = layout === "tile";
  const roomType = item.rent_room_type
    ? RENT_ROOM_TYPES[item.rent_room_type as keyof typeof RENT_ROOM_TYPES]
    : null;
  const payment = item.payment_type ? PAYMENT_TYPES[item.payment_type as PaymentType] : null;
  const title = item.title || item.community || "房源";
  const body = (
    <>
      <div
        className={`shrink-0 overflow-hidden rounded-lg bg-stone-200 ${tile ? "aspect-[4/3]" : "h-20 w-24"}`}
      >
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
      <div className={tile ? "mt-1.5" : "min-w-0 flex-1"}>
        <p className={`truncate ${tile ? "text-sm" : "font-medium"}`}>{title}</p>
        {!tile && (
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
        )}
        {!tile && (item.owner_verified || item.freshness_text) && (
          <p className="mt-0.5 flex gap-2 text-xs">
            {item.owner_verified && (
              <span className="font-medium text-emerald-700">✓ 房东本人</span>
            )}
            <span
              className={(item.confirmed_days_ago ?? 0) >= 14 ? "text-red-600" : "text-stone-400"}
            >
              {item.freshness_text}
            </span>
          </p>
        )}
        <p className={`flex items-baseline justify-between ${tile ? "text-xs" : "mt-1"}`}>
          <span>
            <span
              className={`font-semibold text-brand ${tile ? "text-base" : "text-lg"}`}
              data-testid="result-rent"
            >
              ¥{item.house_rent ?? "—"}
            </span>
            <span className="text-xs text-stone-500">/月</span>
            {!tile && payment && <span className="ml-1 text-xs text-stone-500">{payment}</span>}
            {!available && (
              <span className="ml-2 rounded bg-stone-200 px-1.5 py-0.5 text-xs text-stone-600">
                已下架
              </span>
            )}
          </span>
          {item.distance !== undefined && (
            <span className={`text-xs text-stone-400 ${action ? "mr-8" : ""}`}>
              {distanceText(item.distance)}
            </span>
          )}
        </p>
      </div>
    </>
  );
  const boxClass = tile
    ? "block"
    : `flex gap-3 rounded-xl bg-white p-2.5 shadow-sm ring-brand ${active ? "ring-2" : ""}`;
  return (
    <li id={id} className={`relative ${className}`} data-testid={testId}>
      {available ? (
        <Link
          href={`/houses/${item.house_id}`}
          // Prefetching every card would compete with the page's own requests on a slow network.
          prefetch={false}
          onClick={onOpen}
          data-testid={linkTestId}
          className={boxClass}
        >
          {body}
        </Link>
      ) : (
        <div className={`${boxClass} opacity-60`}>{body}</div>
      )}
      {action}
    </li>
  );
}
