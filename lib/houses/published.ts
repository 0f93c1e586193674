import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { HouseStatus, houses, ModerationState } from "@/db/schema";

/** True when the id (as it appears in a URL) names a published listing. */
export async function isPublishedHouseId(rawId: string): Promise<boolean> {
  if (!/^[1-9]\d{0,11}$/.test(rawId)) return false;
  const row = await db()
    .select({ id: houses.id })
    .from(houses)
    .where(and(eq(houses.id, Number(rawId)), eq(houses.status, HouseStatus.published)))
    .get();
  return row !== undefined;
}

/** True when the id (as it appears in a URL) names a user with a listing tenants can find. */
export async function isLandlordWithListingId(rawId: string): Promise<boolean> {
  if (!/^[1-9]\d{0,11}$/.test(rawId)) return false;
  const row = await db()
    .select({ id: houses.id })
    .from(houses)
    .where(
      and(
        eq(houses.userId, Number(rawId)),
        eq(houses.status, HouseStatus.published),
        eq(houses.moderationState, ModerationState.visible),
      ),
    )
    .get();
  return row !== undefined;
}
