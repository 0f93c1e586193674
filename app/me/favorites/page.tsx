import type { Metadata } from "next";
import { FavoriteList } from "@/components/house/favorite-list";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";
import { myFavorites } from "@/lib/favorites/favorites";

export const metadata: Metadata = { title: "我的收藏" };

/** The most recent favourites; /api/my_favorites pages further for API clients. */
const SHOWN = 100;

export default async function FavoritesPage() {
  const user = await requirePageUser("/me/favorites");
  return (
    <PageShell title="我的收藏">
      <FavoriteList initial={await myFavorites(user.id, 0, SHOWN)} />
    </PageShell>
  );
}
