import "server-only";
import { eq } from "drizzle-orm";
import type { SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import type { WriteTx } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import type { UploadedFile } from "@/lib/api/request";
import { cleanImage, MAX_IMAGE_BYTES } from "@/lib/storage/images";
import { newPrivateKey } from "@/lib/storage/keys";
import { type Committed, type NewFile, writeFilesThenCommit } from "@/lib/storage/with-files";
import type { VerificationKind, VerificationTable } from "@/lib/verifications/kinds";

/** Upload rules for a single private document image. */
export const documentRule = { maxBytes: MAX_IMAGE_BYTES } as const;

/** A (re)submission starts a new review: earlier decisions and purges no longer apply. */
const awaitingReview = {
  status: "pending",
  rejectReason: null,
  reviewedBy: null,
  reviewedAt: null,
  documentsDeletedAt: null,
} as const;

/**
 * Stores a submission awaiting review: `existing` (the caller has checked it is this user's
 * own earlier submission) is overwritten, else a row is added. Answers the document keys the
 * new ones replace, to delete after commit.
 */
export async function storeSubmission<Table extends VerificationTable>(
  tx: WriteTx,
  kind: VerificationKind<Table>,
  existing: Table["$inferSelect"] | undefined,
  values: Table["$inferInsert"],
): Promise<(string | null)[]> {
  const row = { ...values, ...awaitingReview };
  if (!existing) {
    await tx.insert(kind.table).values(row).run();
    return [];
  }
  // drizzle cannot relate a generic table's insert type to its update type; they agree here.
  await tx
    .update(kind.table)
    .set(row as SQLiteUpdateSetSource<Table>)
    .where(eq(kind.table.id, existing.id))
    .run();
  return kind.documentKeys(existing);
}

export function requiredFile(files: Record<string, UploadedFile[]>, field: string): UploadedFile {
  const file = files[field]?.[0];
  if (!file) throw ApiError.badParam(field, "缺少此文件");
  return file;
}

function isUniqueViolation(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    // better-sqlite3 and libSQL files give the extended code; a libSQL server only the message.
    if ((current as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") return true;
    if (current.message.includes("UNIQUE constraint failed")) return true;
  }
  return false;
}

/**
 * All-or-nothing save of a submission with private document images: every image is checked
 * and re-encoded before anything is written, then stored under fresh random keys, then `save`
 * runs in one write transaction and returns what to answer plus the keys it replaced. If
 * anything fails the new files are deleted; replaced files are deleted only after commit.
 */
export async function saveWithDocuments<F extends string, T>(
  ownerId: number,
  files: Record<F, UploadedFile | undefined>,
  save: (tx: WriteTx, keys: Record<F, string | null>) => Promise<Committed<T>>,
  conflictMessage: string,
): Promise<T> {
  const entries = Object.entries(files) as [F, UploadedFile | undefined][];
  const keys = {} as Record<F, string | null>;
  const newFiles: NewFile[] = [];
  for (const [field, file] of entries) {
    const image = file ? await cleanImage(file) : null;
    keys[field] = image && newPrivateKey(ownerId, image.ext);
    if (image && keys[field])
      newFiles.push({ key: keys[field], body: image.buffer, contentType: image.contentType });
  }
  try {
    return await writeFilesThenCommit(newFiles, (tx) => save(tx, keys));
  } catch (error) {
    if (isUniqueViolation(error)) throw ApiError.conflict(conflictMessage);
    throw error;
  }
}
