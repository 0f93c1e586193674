import "server-only";
import { type WriteTx, writeTransaction } from "@/db/write";
import { log } from "@/lib/log";
import { storage } from "@/lib/storage";

/** A file to store under a fresh key before the transaction that references it. */
export type NewFile = { key: string; contentType: string } & (
  | { body: Buffer }
  /** Streamed from disk (large uploads such as videos are never held in memory). */
  | { path: string }
);

/** What the transaction answers, and the stored files its rows no longer reference. */
export interface Committed<T> {
  result: T;
  replacedKeys?: Iterable<string | null | undefined>;
}

/**
 * Deletes stored files; a failure is logged, not thrown. Used after the database no longer
 * references them, so a leftover file is only wasted space.
 */
export async function deleteFilesQuietly(keys: Iterable<string | null | undefined>): Promise<void> {
  await Promise.all(
    [...keys]
      .filter((key): key is string => Boolean(key))
      .map((key) =>
        storage()
          .delete(key)
          .catch((error: unknown) =>
            log.warn("storage.delete_failed", { key, error: (error as Error)?.name ?? "" }),
          ),
      ),
  );
}

const WRITES_AT_ONCE = 16;

function writeFile(file: NewFile): Promise<void> {
  return "body" in file
    ? storage().put(file.key, file.body, file.contentType)
    : storage().putFile(file.key, file.path, file.contentType);
}

type Commit<T> = (tx: WriteTx) => Promise<Committed<T>> | Committed<T>;

/**
 * The upload-then-transaction step: writes `files` (already checked and re-encoded), then runs
 * `commit` in one write transaction. If writing or the transaction fails, the files written so
 * far are removed, so a failed request leaves nothing behind; the files the committed rows
 * replaced are deleted only after the commit. `transaction` is `writeTransaction` unless the
 * caller wraps it (e.g. `writeWithPhoneCode`, which records a wrong code after the rollback).
 */
export async function writeFilesThenCommit<T>(
  files: readonly NewFile[],
  commit: Commit<T>,
  transaction: (work: Commit<T>) => Promise<Committed<T>> = writeTransaction,
): Promise<T> {
  const written: string[] = [];
  let committed: Committed<T>;
  try {
    // A few writes at a time: fast on local disk, polite to a remote store.
    for (let index = 0; index < files.length; index += WRITES_AT_ONCE) {
      const batch = files.slice(index, index + WRITES_AT_ONCE);
      written.push(...batch.map((file) => file.key));
      await Promise.all(batch.map(writeFile));
    }
    committed = await transaction(commit);
  } catch (error) {
    await deleteFilesQuietly(written);
    throw error;
  }
  await deleteFilesQuietly(committed.replacedKeys ?? []);
  return committed.result;
}
