import fs from "node:fs";
import path from "node:path";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { env } from "@/lib/env";
import { storage } from "@/lib/storage";
import { cleanupLeftovers, STORAGE_KEY_COLUMNS } from "@/lib/storage/cleanup";
import { newPrivateKey, newPublicKey } from "@/lib/storage/keys";
import { storedFiles } from "@/tests/helpers";
import { addPhoto, draft, landlord } from "@/tests/houses-helpers";

const TWO_HOURS_AGO = new Date(Date.now() - 2 * 60 * 60 * 1000);

function age(file: string) {
  fs.utimesSync(file, TWO_HOURS_AGO, TWO_HOURS_AGO);
}

const filesRoot = () => path.join(env().DATA_DIR, "files");
const uploadsDir = () => path.join(env().DATA_DIR, "tmp", "uploads");

function writeFile(file: string, old: boolean) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "leftover");
  if (old) age(file);
}

describe("cleanupLeftovers", () => {
  it("removes old .part files, temp uploads and unreferenced media, and nothing else", async () => {
    const { token } = await landlord();
    const houseId = await draft(token);
    expect((await addPhoto(token, houseId)).body.status).toBe(0);
    const referenced = storedFiles();
    expect(referenced).toHaveLength(2); // the photo and its thumbnail
    for (const key of referenced) age(path.join(filesRoot(), key));

    const oldOrphan = newPrivateKey(9, "jpg");
    const youngOrphan = newPublicKey("jpg");
    await storage().put(oldOrphan, Buffer.from("orphan"), "image/jpeg");
    await storage().put(youngOrphan, Buffer.from("in flight"), "image/jpeg");
    age(path.join(filesRoot(), ...oldOrphan.split("/")));
    const oldPart = path.join(filesRoot(), "public", `${newPublicKey("jpg").slice(7)}.part`);
    const youngPart = path.join(filesRoot(), "public", `${newPublicKey("mp4").slice(7)}.part`);
    writeFile(oldPart, true);
    writeFile(youngPart, false);
    writeFile(path.join(uploadsDir(), "stale-upload"), true);
    writeFile(path.join(uploadsDir(), "upload-in-flight"), false);

    const counts = await cleanupLeftovers({ now: new Date() });

    expect(counts).toEqual({ temp_uploads: 1, part_files: 1, orphan_files: 1, failures: 0 });
    const left = storedFiles();
    for (const key of referenced) expect(left).toContain(key);
    expect(left).toContain(youngOrphan);
    expect(left).not.toContain(oldOrphan);
    expect(fs.existsSync(oldPart)).toBe(false);
    expect(fs.existsSync(youngPart)).toBe(true);
    expect(fs.readdirSync(uploadsDir())).toEqual(["upload-in-flight"]);

    // A second run finds nothing more.
    expect(await cleanupLeftovers({ now: new Date() })).toMatchObject({
      temp_uploads: 0,
      part_files: 0,
      orphan_files: 0,
    });
  });

  it("knows every column of the schema that holds a storage key", () => {
    const listed = new Set(STORAGE_KEY_COLUMNS.map(([table, column]) => `${table}.${column}`));
    const keyColumns = (Object.values(schema) as unknown[])
      .filter((value): value is SQLiteTable => value instanceof SQLiteTable)
      .flatMap((table) => {
        const config = getTableConfig(table);
        return config.columns.map((column) => `${config.name}.${column.name}`);
      })
      .filter((name) => /_key$|headimgurl$/.test(name))
      // An audit log of reads, not a reference that keeps a file alive.
      .filter((name) => name !== "private_file_access_log.storage_key")
      .filter((name) => name !== "users.wx_headimgurl")
      // Keys of job claims, notification events and ledger events, not of stored files.
      .filter(
        (name) =>
          name !== "job_claims.item_key" &&
          name !== "notifications.event_key" &&
          name !== "ledger_entry_sets.event_key",
      );
    expect(new Set(keyColumns)).toEqual(listed);
  });
});
