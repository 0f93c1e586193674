import "server-only";
import { eq } from "drizzle-orm";
import type { AppDatabase } from "@/db";
import { type House, HouseStatus, houses } from "@/db/schema";
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
