import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { viewingRequests } from "@/db/schema";
import { fileUrl } from "@/lib/storage";

// Refund photos are private files of the tenant (private/u<tenantId>/…): the file route lets the
// tenant and admins open them as for any private document, and the landlord of the request here.

/** The URLs at which a request's refund photos are served. */
export function refundPhotoUrls(keys: readonly string[] | null): string[] {
  return (keys ?? []).flatMap((key) => fileUrl(key) ?? []);
}

/** Whether `userId` is the landlord of a viewing request whose refund photos include `key`. */
export function isRefundPhotoOfLandlord(userId: number, key: string): boolean {
  const row = db()
    .select({ id: viewingRequests.id })
    .from(viewingRequests)
    .where(
      and(
        eq(viewingRequests.ownerId, userId),
        sql`exists (select 1 from json_each(${viewingRequests.refundPhotos}) where value = ${key})`,
      ),
    )
    .get();
  return row !== undefined;
}
