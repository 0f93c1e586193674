import "server-only";
import { and, eq, isNull, lte, ne } from "drizzle-orm";
import { db } from "@/db";
import { writeTransaction } from "@/db/write";
import { log } from "@/lib/log";
import { storage } from "@/lib/storage";
import {
  type VerificationKind,
  type VerificationTable,
  verificationKinds,
} from "@/lib/verifications/kinds";

/** Document images are kept this long after the decision, for re-checks and disputes. */
export const DOCUMENT_RETENTION_DAYS = 180;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Purges one kind's due submissions; answers how many rows were marked. */
async function purgeKind<Table extends VerificationTable>(
  kind: VerificationKind<Table>,
  cutoff: Date,
  now: Date,
) {
  // Widened to the union: drizzle checks `set` against the review columns both tables share.
  const table: VerificationTable = kind.table;
  const rows = (await db()
    .select()
    .from(table)
    .where(
      and(
        ne(table.status, "pending"),
        lte(table.reviewedAt, cutoff),
        isNull(table.documentsDeletedAt),
      ),
    )) as Table["$inferSelect"][];
  let count = 0;
  for (const row of rows) {
    for (const key of kind.documentKeys(row)) if (key) await storage().delete(key);
    const marked = await writeTransaction((tx) =>
      tx
        .update(table)
        .set({ documentsDeletedAt: now })
        .where(and(eq(table.id, row.id), kind.sameDocuments(row), isNull(table.documentsDeletedAt)))
        .returning({ id: table.id })
        .all(),
    );
    count += marked.length;
  }
  return count;
}

/**
 * Deletes the document images of submissions decided more than `days` ago and records that
 * on the row; the decision itself (verified or not, by whom, when) stays. Files go first, so a
 * failed run is simply repeated; the row is marked only if its documents are still the ones
 * deleted (a resubmission in between brings new ones). Safe to run repeatedly (e.g. from cron).
 */
export async function purgeDecidedDocuments(now = new Date(), days = DOCUMENT_RETENTION_DAYS) {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const identity = await purgeKind(verificationKinds.identity, cutoff, now);
  const property = await purgeKind(verificationKinds.property, cutoff, now);
  log.info("verification.documents_purged", { identity, property, days });
  return { identity, property };
}
