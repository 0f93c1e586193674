import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { changedRows, db, rawStatement } from "@/db";
import { favorites, HouseStatus, houses } from "@/db/schema";
import { type WriteTx, writeTransaction } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import type { ListingCardFields } from "@/lib/houses/card";
import { fileUrl } from "@/lib/storage";

// 收藏. `houses.praise_count` is the number of users who favourited the listing: the favourite
// row and the counter change in one write transaction, and the counter moves only when the
// insert or delete really changed a row, so repeats and races can never drift it.

export interface FavoriteState {
  house_id: number;
  favorited: boolean;
  praise_count: number;
}

async function praiseCount(tx: WriteTx, id: number): Promise<number> {
  const row = await tx
    .select({ count: houses.praiseCount })
    .from(houses)
    .where(eq(houses.id, id))
    .get();
  return row?.count ?? 0;
}

/** Favourites a published listing (again is a no-op). A missing or unpublished one is status 7. */
export async function addFavorite(userId: number, houseId: number): Promise<FavoriteState> {
  return writeTransaction(async (tx) => {
    const house = await tx
      .select({ status: houses.status })
      .from(houses)
      .where(eq(houses.id, houseId))
      .get();
    if (house?.status !== HouseStatus.published) throw ApiError.notFound("房源");
    const inserted = await tx
      .insert(favorites)
      .values({ userId, houseId })
      .onConflictDoNothing()
      .run();
    if (changedRows(inserted) === 1)
      await tx
        .update(houses)
        .set({ praiseCount: sql`${houses.praiseCount} + 1` })
        .where(eq(houses.id, houseId))
        .run();
    return { house_id: houseId, favorited: true, praise_count: await praiseCount(tx, houseId) };
  });
}

/** Removes a favourite, whatever the listing's state now (removing one that is gone is a no-op). */
export async function removeFavorite(userId: number, houseId: number): Promise<FavoriteState> {
  return writeTransaction(async (tx) => {
    const deleted = await tx
      .delete(favorites)
      .where(and(eq(favorites.userId, userId), eq(favorites.houseId, houseId)))
      .run();
    if (changedRows(deleted) === 1)
      await tx
        .update(houses)
        .set({ praiseCount: sql`max(0, ${houses.praiseCount} - 1)` })
        .where(eq(houses.id, houseId))
        .run();
    return { house_id: houseId, favorited: false, praise_count: await praiseCount(tx, houseId) };
  });
}

/** Which of these listings the user has favourited (the hearts on a page of results). */
export async function favoritedIds(userId: number, houseIds: number[]): Promise<Set<number>> {
  if (houseIds.length === 0) return new Set();
  const rows = await db()
    .select({ houseId: favorites.houseId })
    .from(favorites)
    .where(and(eq(favorites.userId, userId), inArray(favorites.houseId, houseIds)))
    .all();
  return new Set(rows.map((row) => row.houseId));
}

export interface FavoriteItem extends ListingCardFields {
  /** Unix milliseconds. */
  favorited_at: number;
  /** False once the landlord took the listing off or deleted it: it stays listed, marked. */
  available: boolean;
}

// The cover, else the first photo in display order (lib/houses/cover.ts). Two lookups rather than
// `ORDER BY p.id = h.cover_photo_id`: libSQL cannot resolve an outer column in a subquery's
// ORDER BY ("no such column").
const MY_FAVORITES_SQL = `SELECT h.id AS house_id, h.description_title AS title,
  h.district_name AS community, h.house_rent, h.house_size, h.house_type, h.rent_room_type,
  h.status, f.created_at AS favorited_at,
  COALESCE(
    (SELECT p.thumb_key FROM house_photos p WHERE p.id = h.cover_photo_id AND p.house_id = h.id),
    (SELECT p.thumb_key FROM house_photos p WHERE p.house_id = h.id
      ORDER BY p.sort_order, p.id LIMIT 1)) AS thumb_key
  FROM favorites f JOIN houses h ON h.id = f.house_id
  WHERE f.user_id = ? ORDER BY f.created_at DESC, f.house_id DESC LIMIT ? OFFSET ?`;

/** 我的收藏: newest first, paged. */
export async function myFavorites(
  userId: number,
  shift: number,
  count: number,
): Promise<FavoriteItem[]> {
  const rows = await rawStatement<
    Omit<FavoriteItem, "available" | "cover_thumb_url"> & {
      status: number;
      thumb_key: string | null;
    }
  >(MY_FAVORITES_SQL).all([userId, count, shift]);
  return rows.map(({ status, thumb_key, ...row }) => ({
    ...row,
    // A deleted listing's photos are gone with it.
    cover_thumb_url: status === HouseStatus.deleted ? null : fileUrl(thumb_key),
    available: status === HouseStatus.published,
  }));
}
