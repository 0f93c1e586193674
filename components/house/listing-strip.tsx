import Link from "next/link";
import type { SearchResult } from "@/lib/search/search-houses";

/** A titled row of listing cards (附近相似房源, 房东的其他房源); nothing when empty. */
export function ListingStrip({
  title,
  items,
  label,
}: {
  title: string;
  items: SearchResult[];
  label: string;
}) {
  if (items.length === 0) return null;
  return (
    <section aria-label={label} className="rounded-lg bg-white p-4 shadow-sm">
      <h2 className="mb-3 font-medium">{title}</h2>
      <ul className="-mx-1 flex gap-3 overflow-x-auto px-1 pb-1 lg:grid lg:grid-cols-3 lg:overflow-visible">
        {items.map((item) => (
          <li key={item.house_id} className="w-40 shrink-0 lg:w-auto">
            <Link href={`/houses/${item.house_id}`} prefetch={false} className="block">
              <div className="aspect-[4/3] overflow-hidden rounded-lg bg-stone-200">
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
              <p className="mt-1.5 truncate text-sm">{item.title || item.community || "房源"}</p>
              <p className="flex items-baseline justify-between text-xs text-stone-500">
                <span>
                  <span className="text-base font-semibold text-brand">
                    ¥{item.house_rent ?? "—"}
                  </span>
                  /月
                </span>
                <span>
                  {item.distance < 1
                    ? `${Math.round(item.distance * 1000)}m`
                    : `${item.distance.toFixed(1)}km`}
                </span>
              </p>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
