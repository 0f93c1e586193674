import { Suspense } from "react";
import { SearchPage } from "@/components/search/search-page";
import { BottomNav } from "@/components/ui/bottom-nav";
import { LoadingBlock } from "@/components/ui/page-shell";
import { env } from "@/lib/env";

// 找房: the search lives in the URL (read on the client), the tile server comes from settings.
export default function HomePage() {
  return (
    <>
      <Suspense fallback={<LoadingBlock label="正在加载地图找房…" />}>
        <SearchPage tileUrl={env().MAP_TILE_URL} />
      </Suspense>
      <BottomNav />
    </>
  );
}
