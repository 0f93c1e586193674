import "server-only";
import fs from "node:fs";
import { BlobError, del, get, list, put } from "@vercel/blob";
import type { RangeRequest, StorageDriver, StoredFile } from "@/lib/storage/driver";
import { parseKey } from "@/lib/storage/keys";

export interface BlobDriverOptions {
  /** Read-write token of the store for public media. */
  token: string;
  /** Token of a private store for identity documents; defaults to `token`. */
  privateToken?: string;
}

const ONE_YEAR_SECONDS = 31_536_000;

function rangeHeader(range: RangeRequest): string {
  return "suffix" in range ? `bytes=-${range.suffix}` : `bytes=${range.start}-${range.end ?? ""}`;
}

/** "bytes 0-99/1234" → the range and the full size. */
function parseContentRange(value: string | null) {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value ?? "");
  if (!match) return null;
  return { start: Number(match[1]), end: Number(match[2]), size: Number(match[3]) };
}

/**
 * Vercel Blob. Keys are used as pathnames unchanged (no random suffix: keys are random
 * already); private keys are written and read with private access, so identity documents are
 * never reachable by a public URL. Every read goes through /api/file.
 */
export function blobDriver(options: BlobDriverOptions): StorageDriver {
  function target(key: string) {
    const parsed = parseKey(key);
    if (!parsed) throw new Error("Invalid storage key");
    return parsed.visibility === "private"
      ? { access: "private" as const, token: options.privateToken ?? options.token }
      : { access: "public" as const, token: options.token };
  }

  async function write(key: string, body: Buffer | fs.ReadStream, contentType: string) {
    const { access, token } = target(key);
    await put(key, body, {
      access,
      token,
      contentType,
      addRandomSuffix: false,
      cacheControlMaxAge: access === "public" ? ONE_YEAR_SECONDS : 60,
    });
  }

  async function read(key: string, range?: RangeRequest): Promise<StoredFile | null> {
    const { access, token } = target(key);
    const result = await get(key, {
      access,
      token,
      headers: range ? { range: rangeHeader(range) } : undefined,
    });
    if (result?.statusCode !== 200) return null;
    const partial = range ? parseContentRange(result.headers.get("content-range")) : null;
    if (partial) {
      return {
        body: result.stream,
        size: partial.size,
        range: { start: partial.start, end: partial.end },
      };
    }
    return { body: result.stream, size: result.blob.size };
  }

  return {
    name: "blob",
    put: (key, body, contentType) => write(key, body, contentType),
    putFile: (key, sourcePath, contentType) =>
      write(key, fs.createReadStream(sourcePath), contentType),
    async get(key, range) {
      try {
        return await read(key, range);
      } catch (error) {
        // An unsatisfiable range (416): answer with the whole file, as the local driver does.
        if (range && error instanceof BlobError && / 416 /.test(error.message)) return read(key);
        throw error;
      }
    },
    async delete(key) {
      await del(key, { token: target(key).token });
    },
    async *list() {
      // Public and private keys may live in two stores, or share one: list each prefix once.
      const stores = [
        { prefix: "public/", token: options.token },
        { prefix: "private/", token: options.privateToken ?? options.token },
      ];
      for (const { prefix, token } of stores) {
        let cursor: string | undefined;
        do {
          const page = await list({ token, prefix, cursor, limit: 1000 });
          for (const blob of page.blobs) yield { key: blob.pathname, modifiedAt: blob.uploadedAt };
          cursor = page.hasMore ? page.cursor : undefined;
        } while (cursor);
      }
    },
  };
}
