import "server-only";
import { and, eq, isNull, lte, ne } from "drizzle-orm";
import { db } from "@/db";
import { identityVerifications, propertyVerifications } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { log } from "@/lib/log";
import { storage } from "@/lib/storage";

/** Document images are kept this long after the decision, for re-checks and disputes. */
export const DOCUMENT_RETENTION_DAYS = 180;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the document images of submissions decided more than `days` ago and records that
 * on the row; the decision itself (verified or not, by whom, when) stays. Files go first, so a
 * failed run is simply repeated; the row is marked only if its documents are still the ones
 * deleted (a resubmission in between brings new ones). Safe to run repeatedly (e.g. from cron).
 */
export async function purgeDecidedDocuments(now = new Date(), days = DOCUMENT_RETENTION_DAYS) {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const due = (table: typeof identityVerifications | typeof propertyVerifications) =>
    and(
      ne(table.status, "pending"),
      lte(table.reviewedAt, cutoff),
      isNull(table.documentsDeletedAt),
    );
  let identity = 0;
  let property = 0;

  const identityRows = await db()
    .select()
    .from(identityVerifications)
    .where(due(identityVerifications));
  for (const row of identityRows) {
    for (const key of [row.portraitKey, row.frontKey, row.backKey]) await storage().delete(key);
    const marked = await writeTransaction((tx) =>
      tx
        .update(identityVerifications)
        .set({ documentsDeletedAt: now })
        .where(
          and(
            eq(identityVerifications.id, row.id),
            eq(identityVerifications.portraitKey, row.portraitKey),
            isNull(identityVerifications.documentsDeletedAt),
          ),
        )
        .returning({ id: identityVerifications.id })
        .all(),
    );
    identity += marked.length;
  }

  const propertyRows = await db()
    .select()
    .from(propertyVerifications)
    .where(due(propertyVerifications));
  for (const row of propertyRows) {
    for (const key of [row.certPhotoKey, row.leasePhotoKey]) if (key) await storage().delete(key);
    const marked = await writeTransaction((tx) =>
      tx
        .update(propertyVerifications)
        .set({ documentsDeletedAt: now })
        .where(
          and(
            eq(propertyVerifications.id, row.id),
            eq(propertyVerifications.certPhotoKey, row.certPhotoKey),
            isNull(propertyVerifications.documentsDeletedAt),
          ),
        )
        .returning({ id: propertyVerifications.id })
        .all(),
    );
    property += marked.length;
  }

  log.info("verification.documents_purged", { identity, property, days });
  return { identity, property };
}
