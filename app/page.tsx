import { Suspense } from "react";
import { type FirstResults, SearchPage } from "@/components/search/search-page";
import { listQuery, PAGE_SIZE, parseSearch } from "@/components/search/search-state";
import { BottomNav, TopNav } from "@/components/ui/bottom-nav";
import { LoadingBlock } from "@/components/ui/page-shell";
import { pageUser } from "@/lib/auth/next-auth";
import { env } from "@/lib/env";
import { cityCounties } from "@/lib/search/city-counties";
import { searchHouseParams } from "@/lib/search/params";
import { countHouses, searchHouses } from "@/lib/search/search-houses";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The first page of the URL's search, answered here so a phone on a slow network sees listings
 * in the first HTML instead of after all JavaScript has run.
 */
async function firstResults(url: URLSearchParams): Promise<FirstResults | null> {
  const query = listQuery(parseSearch(url));
  const parsed = searchHouseParams.safeParse({
    ...Object.fromEntries(new URLSearchParams(query)),
    count: PAGE_SIZE,
  });
  if (!parsed.success) return null;
  return { query, results: await searchHouses(parsed.data), count: await countHouses(parsed.data) };
}

// 找房: the search lives in the URL; the server answers its first page, the client the rest.
export default async function HomePage({ searchParams }: Props) {
  const raw = await searchParams;
  const url = new URLSearchParams();
  for (const [name, value] of Object.entries(raw))
    if (typeof value === "string") url.set(name, value);
  const [first, counties, user] = await Promise.all([
    firstResults(url),
    cityCounties(),
    pageUser(),
  ]);
  return (
    <>
      <TopNav />
      <Suspense fallback={<LoadingBlock label="正在加载地图找房…" />}>
        <SearchPage
          tileUrl={env().MAP_TILE_URL}
          first={first}
          counties={counties}
          signedIn={user !== null}
        />
      </Suspense>
      <BottomNav />
    </>
  );
}
