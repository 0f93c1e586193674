import { ListingCard } from "@/components/house/listing-card";
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
          <ListingCard
            key={item.house_id}
            item={item}
            layout="tile"
            className="w-40 shrink-0 lg:w-auto"
          />
        ))}
      </ul>
    </section>
  );
}
