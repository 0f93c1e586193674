import "server-only";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { resolveRange, type StorageDriver, type StoredFile } from "@/lib/storage/driver";

/** Files under DATA_DIR/files/<key>; written to a temporary name first, then renamed. */
export function localDriver(root: string): StorageDriver {
  const fileFor = (key: string) => path.join(root, ...key.split("/"));

  async function writeAtomically(
    key: string,
    write: (target: string) => Promise<void>,
  ): Promise<void> {
    const target = fileFor(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.part`;
    try {
      await write(temporary);
      await fsp.rename(temporary, target);
    } catch (error) {
      await fsp.rm(temporary, { force: true });
      throw error;
    }
  }

  return {
    name: "local",
    async put(key, body) {
      await writeAtomically(key, (target) => fsp.writeFile(target, body));
    },
    async putFile(key, sourcePath) {
      await writeAtomically(key, (target) =>
        pipeline(fs.createReadStream(sourcePath), fs.createWriteStream(target)),
      );
    },
    async get(key, requested): Promise<StoredFile | null> {
      const file = fileFor(key);
      try {
        const stat = await fsp.stat(file);
        const range = requested ? (resolveRange(requested, stat.size) ?? undefined) : undefined;
        const stream = fs.createReadStream(file, range);
        return {
          body: Readable.toWeb(stream) as ReadableStream<Uint8Array>,
          size: stat.size,
          range,
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      await fsp.rm(fileFor(key), { force: true });
    },
    async *list() {
      if (!fs.existsSync(root)) return;
      for await (const entry of await fsp.opendir(root, { recursive: true })) {
        if (!entry.isFile()) continue;
        const file = path.join(entry.parentPath, entry.name);
        const stat = await fsp.stat(file).catch(() => null);
        if (stat)
          yield {
            key: path.relative(root, file).split(path.sep).join("/"),
            modifiedAt: stat.mtime,
          };
      }
    },
  };
}
