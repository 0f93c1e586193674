import "server-only";
import fsp from "node:fs/promises";
import path from "node:path";
import { rawStatement } from "@/db";
import { env } from "@/lib/env";
import { describeError, log } from "@/lib/log";
import { storage } from "@/lib/storage";
import { parseKey } from "@/lib/storage/keys";

// What a crash (kill -9, power loss) can leave behind: a `<key>.part` file the local driver was
// writing, an upload streamed to DATA_DIR/tmp/uploads for a request that never finished, or a
// stored file whose row was never committed (files are written before the transaction). Only
// files older than an hour are touched, so uploads still in flight are never removed.

const LEFTOVER_MIN_AGE_MS = 60 * 60 * 1000;

/** Every column that holds a storage key (cleanup.test.ts checks the schema has no other). */
export const STORAGE_KEY_COLUMNS = [
  ["users", "headimgurl"],
  ["house_photos", "storage_key"],
  ["house_photos", "thumb_key"],
  ["house_videos", "storage_key"],
  ["identity_verifications", "portrait_key"],
  ["identity_verifications", "front_key"],
  ["identity_verifications", "back_key"],
  ["property_verifications", "cert_photo_key"],
  ["property_verifications", "lease_photo_key"],
] as const;

/** Candidate keys checked per query: each query reads every key column once. */
const BATCH = 20_000;

/** The keys of `candidates` that no row references (one read, whatever the number of rows). */
async function unreferenced(candidates: string[]): Promise<string[]> {
  const referenced = STORAGE_KEY_COLUMNS.map(
    ([table, column]) => `SELECT "${column}" FROM "${table}" WHERE "${column}" IS NOT NULL`,
  ).join(" UNION ALL ");
  const rows = await rawStatement<{ value: string }>(
    `SELECT value FROM json_each(?) WHERE value NOT IN (${referenced})`,
  ).all([JSON.stringify(candidates)]);
  return rows.map((row) => row.value);
}

async function removeStale(directory: string, cutoff: number): Promise<string[]> {
  const removed: string[] = [];
  const entries = await fsp.readdir(directory, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(directory, entry.name);
    const stat = await fsp.stat(file).catch(() => null);
    if (stat && stat.mtimeMs < cutoff) {
      await fsp.rm(file, { force: true });
      removed.push(entry.name);
    }
  }
  return removed;
}

/**
 * The leftovers job step (one process at a time): removes stale temporary uploads, `.part`
 * files, and stored media older than an hour that no row references, locally or in Blob
 * storage. Answers how many of each it removed, and logs every removed name.
 */
export async function cleanupLeftovers(context: { now: Date }): Promise<Record<string, number>> {
  const cutoff = context.now.getTime() - LEFTOVER_MIN_AGE_MS;
  const tempUploads = await removeStale(path.join(env().DATA_DIR, "tmp", "uploads"), cutoff);
  for (const name of tempUploads) log.info("cleanup.temp_upload_removed", { name });

  const driver = storage();
  let partFiles = 0;
  let orphanFiles = 0;
  let failures = 0;
  const remove = async (key: string, event: string) => {
    try {
      await driver.delete(key);
      log.info(event, { key, storage: driver.name });
      return true;
    } catch (error) {
      failures += 1;
      log.error("cleanup.remove_failed", { key, ...describeError(error) });
      return false;
    }
  };
  const removeOrphans = async (batch: string[]) => {
    for (const key of await unreferenced(batch)) {
      if (await remove(key, "cleanup.orphan_removed")) orphanFiles += 1;
    }
  };

  let batch: string[] = [];
  for await (const entry of driver.list()) {
    if (entry.modifiedAt.getTime() >= cutoff) continue;
    if (parseKey(entry.key)) {
      batch.push(entry.key);
      if (batch.length >= BATCH) {
        await removeOrphans(batch);
        batch = [];
      }
    } else if (entry.key.endsWith(".part")) {
      if (await remove(entry.key, "cleanup.part_file_removed")) partFiles += 1;
    }
  }
  if (batch.length > 0) await removeOrphans(batch);

  const counts = {
    temp_uploads: tempUploads.length,
    part_files: partFiles,
    orphan_files: orphanFiles,
    failures,
  };
  log.info("cleanup.done", counts);
  return counts;
}
