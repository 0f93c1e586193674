import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { and, count, eq, gte, inArray, lt, ne, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { changedRows, db } from "@/db";
import {
  favorites,
  HouseStatus,
  houses,
  houseViewKeys,
  houseViews,
  ViewingStatus,
  viewingRequests,
} from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { chinaDate } from "@/lib/china-time";

// Listing statistics for 我的房源. A view counts once per visitor, listing and China day: the
// visitor (user id, or address and browser when signed out) is stored only as an HMAC under
// that day's random key, and the key is deleted once the day is over (purgeViewKeys, a job
// step), so a stored hash can no longer be linked to anyone, not even by us.

const DAY_MS = 24 * 60 * 60 * 1000;
/** Longer than the longest period shown (30 days); older view rows are deleted with the keys. */
const VIEW_RETENTION_DAYS = 31;

/** Who is viewing, before hashing: the signed-in user, else the client address and browser. */
export function visitorOf(input: {
  userId: number | null;
  address: string;
  userAgent: string;
}): string {
  return input.userId ? `user:${input.userId}` : `anon:${input.address}|${input.userAgent}`;
}

/** Counts a view of a listing (once per visitor and day); owners' own views are not passed in. */
export async function recordHouseView(houseId: number, visitor: string, now = new Date()) {
  const day = chinaDate(now);
  await writeTransaction(async (tx) => {
    await tx
      .insert(houseViewKeys)
      .values({ day, key: randomBytes(32).toString("hex") })
      .onConflictDoNothing()
      .run();
    const row = await tx
      .select({ key: houseViewKeys.key })
      .from(houseViewKeys)
      .where(eq(houseViewKeys.day, day))
      .get();
    if (!row) return;
    const visitorHash = createHmac("sha256", row.key).update(visitor).digest("hex").slice(0, 32);
    await tx.insert(houseViews).values({ houseId, day, visitorHash }).onConflictDoNothing().run();
  });
}

/** Job step: deletes the keys of past days and view rows older than the longest period. */
export async function purgeViewKeys(now = new Date()) {
  const today = chinaDate(now);
  const oldest = chinaDate(now.getTime() - VIEW_RETENTION_DAYS * DAY_MS);
  return writeTransaction(async (tx) => {
    const keys = changedRows(
      await tx.delete(houseViewKeys).where(lt(houseViewKeys.day, today)).run(),
    );
    const views = changedRows(await tx.delete(houseViews).where(lt(houseViews.day, oldest)).run());
    return { keys, views };
  });
}

interface PeriodStats {
  views: number;
  favorites: number;
  viewing_requests: number;
  paid_requests: number;
}

const PAID_STATUSES = [
  ViewingStatus.paid,
  ViewingStatus.viewed,
  ViewingStatus.refundRequested,
  ViewingStatus.refunded,
];

/** Rows of `table` per listing among `houseIds` that match `where`. */
async function countPerHouse(
  table: SQLiteTable & { houseId: SQLiteColumn },
  houseIds: number[],
  where: SQL | undefined,
): Promise<Map<number, number>> {
  const { houseId } = table;
  const rows = await db()
    .select({ houseId, n: count() })
    .from(table)
    .where(and(inArray(houseId, houseIds), where))
    .groupBy(houseId)
    .all();
  return new Map(rows.map((row) => [Number(row.houseId), row.n]));
}

async function periodStats(houseIds: number[], days: number, now: Date) {
  const since = new Date(now.getTime() - days * DAY_MS);
  // Days are whole China days: the last `days` of them, today included.
  const firstDay = chinaDate(now.getTime() - (days - 1) * DAY_MS);
  const [views, favourites, requests, paid] = await Promise.all([
    countPerHouse(houseViews, houseIds, gte(houseViews.day, firstDay)),
    countPerHouse(favorites, houseIds, gte(favorites.createdAt, since)),
    countPerHouse(viewingRequests, houseIds, gte(viewingRequests.createdAt, since)),
    countPerHouse(
      viewingRequests,
      houseIds,
      and(inArray(viewingRequests.status, PAID_STATUSES), gte(viewingRequests.paidAt, since)),
    ),
  ]);
  return (houseId: number): PeriodStats => ({
    views: views.get(houseId) ?? 0,
    favorites: favourites.get(houseId) ?? 0,
    viewing_requests: requests.get(houseId) ?? 0,
    paid_requests: paid.get(houseId) ?? 0,
  });
}

/** /api/my_house_stats: each of the caller's listings, over the last 7 and 30 days. */
export async function myHouseStats(userId: number, now = new Date()) {
  const rows = await db()
    .select({ id: houses.id })
    .from(houses)
    .where(and(eq(houses.userId, userId), ne(houses.status, HouseStatus.deleted)))
    .orderBy(sql`${houses.id} desc`)
    .all();
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return [];
  const [week, month] = await Promise.all([periodStats(ids, 7, now), periodStats(ids, 30, now)]);
  return ids.map((houseId) => ({
    house_id: houseId,
    days_7: week(houseId),
    days_30: month(houseId),
  }));
}
