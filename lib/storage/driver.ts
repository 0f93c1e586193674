export interface StoredFile {
  body: ReadableStream<Uint8Array>;
  /** Size of the whole file, also when `range` limits the body to a part of it. */
  size: number;
  /** Set when the body holds only these bytes (inclusive), for HTTP 206 answers. */
  range?: ByteRange;
}

/** An inclusive byte range. */
export interface ByteRange {
  start: number;
  end: number;
}

/** A single range as a client asks for it (`bytes=10-`, `bytes=10-20`, `bytes=-500`). */
export type RangeRequest = { start: number; end?: number } | { suffix: number };

/** Resolves a requested range against the file size; null when it cannot be satisfied. */
export function resolveRange(request: RangeRequest, size: number): ByteRange | null {
  if ("suffix" in request) {
    if (request.suffix <= 0 || size === 0) return null;
    return { start: Math.max(size - request.suffix, 0), end: size - 1 };
  }
  if (request.start >= size) return null;
  const end = Math.min(request.end ?? size - 1, size - 1);
  return end < request.start ? null : { start: request.start, end };
}

/** What every storage backend provides; keys come from lib/storage/keys. */
export interface StorageDriver {
  name: string;
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** Streams a file from disk, so large uploads are never held in memory. */
  putFile(key: string, sourcePath: string, contentType: string): Promise<void>;
  /**
   * Null when the key does not exist. With a satisfiable `range` the body holds only those
   * bytes; otherwise (no range, or one that cannot be satisfied) the whole file.
   */
  get(key: string, range?: RangeRequest): Promise<StoredFile | null>;
  delete(key: string): Promise<void>;
  /**
   * Every stored object with its last write time, for the leftovers cleanup. The local driver
   * also lists what is not a key (`<key>.part` files left by a crash).
   */
  list(): AsyncIterable<StoredEntry>;
}

interface StoredEntry {
  key: string;
  modifiedAt: Date;
}
