import "server-only";
import { and, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { changedRows, db } from "@/db";
import { ViewingStatus, viewingRequests } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { log } from "@/lib/log";
import { fileUrl } from "@/lib/storage";
import { deleteFilesQuietly } from "@/lib/storage/with-files";
import { DOCUMENT_RETENTION_DAYS } from "@/lib/verifications/retention";

// Refund photos are private files of the tenant (private/u<tenantId>/…): the file route lets the
// tenant and admins open them as for any private document, and the landlord of the request here.

/** The URLs at which a request's refund photos are served. */
export function refundPhotoUrls(keys: readonly string[] | null): string[] {
  return (keys ?? []).flatMap((key) => fileUrl(key) ?? []);
}

/** Whether `userId` is the landlord of a viewing request whose refund photos include `key`. */
export async function isRefundPhotoOfLandlord(userId: number, key: string): Promise<boolean> {
  const row = await db()
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

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the refund photos of requests settled (viewed or refunded) whose refund was requested
 * more than `days` ago, kept as long as verification documents for re-checks and disputes. The
 * row is cleared first, guarded by the keys read, then the files go (a leftover file is only
 * wasted space). Safe to run repeatedly and from two processes.
 */
export async function purgeSettledRefundPhotos(now = new Date(), days = DOCUMENT_RETENTION_DAYS) {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const due = await db()
    .select({ id: viewingRequests.id, photos: viewingRequests.refundPhotos })
    .from(viewingRequests)
    .where(
      and(
        isNotNull(viewingRequests.refundPhotos),
        inArray(viewingRequests.status, [ViewingStatus.viewed, ViewingStatus.refunded]),
        lte(viewingRequests.refundRequestedAt, cutoff),
      ),
    )
    .all();
  let purged = 0;
  for (const row of due) {
    const cleared = await writeTransaction((tx) =>
      tx
        .update(viewingRequests)
        .set({ refundPhotos: null })
        .where(
          and(
            eq(viewingRequests.id, row.id),
            sql`${viewingRequests.refundPhotos} = ${JSON.stringify(row.photos)}`,
          ),
        )
        .run(),
    );
    if (changedRows(cleared) !== 1) continue;
    await deleteFilesQuietly(row.photos ?? []);
    purged += 1;
  }
  log.info("viewings.refund_photos_purged", { purged, days });
  return { purged };
}
