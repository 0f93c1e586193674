import { ApiError } from "@/lib/api/errors";
import type { UploadedFile } from "@/lib/api/request";
import { log } from "@/lib/log";
import { storage } from "@/lib/storage";
import { cleanImage, MAX_IMAGE_BYTES } from "@/lib/storage/images";
import { newPrivateKey } from "@/lib/storage/keys";

/** Upload rules for a single private document image. */
export const documentRule = { maxBytes: MAX_IMAGE_BYTES } as const;

/** A (re)submission starts a new review: earlier decisions and purges no longer apply. */
export const awaitingReview = {
  status: "pending",
  rejectReason: null,
  reviewedBy: null,
  reviewedAt: null,
  documentsDeletedAt: null,
} as const;

export function requiredFile(files: Record<string, UploadedFile[]>, field: string): UploadedFile {
  const file = files[field]?.[0];
  if (!file) throw ApiError.badParam(field, "缺少此文件");
  return file;
}

async function deleteQuietly(keys: readonly (string | null | undefined)[], event: string) {
  for (const key of keys) {
    if (!key) continue;
    try {
      await storage().delete(key);
    } catch (error) {
      // The database is already consistent; a leftover blob is only wasted space.
      log.warn(event, { key, error: (error as Error).name });
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if ((current as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") return true;
  }
  return false;
}

/**
 * All-or-nothing save of a submission with private document images: every image is checked
 * and re-encoded before anything is written, then stored under fresh random keys, then `save`
 * runs (one synchronous DB transaction) and returns what to answer plus the keys it replaced.
 * If anything fails the new files are deleted; replaced files are deleted only after commit.
 */
export async function saveWithDocuments<F extends string, T>(
  ownerId: number,
  files: Record<F, UploadedFile | undefined>,
  save: (keys: Record<F, string | null>) => { result: T; replacedKeys: (string | null)[] },
  conflictMessage: string,
): Promise<T> {
  const entries = Object.entries(files) as [F, UploadedFile | undefined][];
  const cleaned = await Promise.all(
    entries.map(async ([field, file]) => [field, file ? await cleanImage(file) : null] as const),
  );
  const keys = {} as Record<F, string | null>;
  const written: string[] = [];
  try {
    for (const [field, image] of cleaned) {
      if (!image) {
        keys[field] = null;
        continue;
      }
      const key = newPrivateKey(ownerId, image.ext);
      written.push(key);
      await storage().put(key, image.buffer, image.contentType);
      keys[field] = key;
    }
    const { result, replacedKeys } = save(keys);
    await deleteQuietly(replacedKeys, "verification.old_file_delete_failed");
    return result;
  } catch (error) {
    await deleteQuietly(written, "verification.new_file_delete_failed");
    if (isUniqueViolation(error)) throw ApiError.conflict(conflictMessage);
    throw error;
  }
}
