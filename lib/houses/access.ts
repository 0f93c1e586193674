import { eq } from "drizzle-orm";
import type { AppDatabase } from "@/db";
import { type House, HouseStatus, houses } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { log } from "@/lib/log";
import { storage } from "@/lib/storage";

/** The database or a transaction: both run drizzle's synchronous `.get()/.all()/.run()`. */
export type Connection = AppDatabase | Parameters<Parameters<AppDatabase["transaction"]>[0]>[0];

/**
 * A listing its owner may change. Someone else's listing is forbidden; a deleted or missing one
 * is "not found" for everybody (a deleted listing is never edited again).
 */
export function ownedHouse(conn: Connection, houseId: number, userId: number): House {
  const house = conn.select().from(houses).where(eq(houses.id, houseId)).get();
  if (!house || house.status === HouseStatus.deleted) throw ApiError.notFound("房源");
  if (house.userId !== userId) throw ApiError.forbidden("只能修改自己的房源");
  return house;
}

/** Removes stored files that no row references any more; a failure is logged, not thrown. */
export async function removeFiles(keys: Iterable<string | null | undefined>): Promise<void> {
  await Promise.all(
    [...keys]
      .filter((key): key is string => Boolean(key))
      .map((key) =>
        storage()
          .delete(key)
          .catch((error: unknown) =>
            log.warn("storage.delete_failed", { key, error: String(error) }),
          ),
      ),
  );
}

/**
 * Runs `commit` (a synchronous transaction) after files were written; if it throws, the new
 * files are removed so a failed request leaves nothing behind.
 */
export async function commitOrDiscard<T>(newKeys: string[], commit: () => T): Promise<T> {
  try {
    return commit();
  } catch (error) {
    await removeFiles(newKeys);
    throw error;
  }
}
