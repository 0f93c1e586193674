import "server-only";
import { eq } from "drizzle-orm";
import type { AppDatabase } from "@/db";
import { type House, HouseStatus, housePhotos, houses, houseVideos } from "@/db/schema";
import type { WriteTx } from "@/db/write";
import { ApiError } from "@/lib/api/errors";

/** The main (read) connection or a write transaction: both run drizzle's `.get()/.all()`. */
export type Connection = AppDatabase | WriteTx;

/**
 * A listing its owner may change. Someone else's listing is forbidden; a deleted or missing one
 * is "not found" for everybody (a deleted listing is never edited again).
 */
export async function ownedHouse(
  conn: Connection,
  houseId: number,
  userId: number,
): Promise<House> {
  const house = await conn.select().from(houses).where(eq(houses.id, houseId)).get();
  if (!house || house.status === HouseStatus.deleted) throw ApiError.notFound("房源");
  if (house.userId !== userId) throw ApiError.forbidden("只能修改自己的房源");
  return house;
}

const MEDIA_LABELS = new Map<MediaTable, string>([
  [housePhotos, "照片"],
  [houseVideos, "视频"],
]);
type MediaTable = typeof housePhotos | typeof houseVideos;

/** A photo or video of a listing the caller owns (missing items and deleted listings are not found). */
export async function ownedMedia<Table extends MediaTable>(
  conn: Connection,
  table: Table,
  id: number,
  userId: number,
): Promise<Table["$inferSelect"]> {
  const media: MediaTable = table;
  const item = await conn.select().from(media).where(eq(media.id, id)).get();
  if (!item) throw ApiError.notFound(MEDIA_LABELS.get(table) ?? "文件");
  await ownedHouse(conn, item.houseId, userId);
  return item as Table["$inferSelect"];
}
