export interface StoredFile {
  body: ReadableStream<Uint8Array>;
  size: number;
}

/** What every storage backend provides; keys come from lib/storage/keys. */
export interface StorageDriver {
  name: string;
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** Streams a file from disk, so large uploads are never held in memory. */
  putFile(key: string, sourcePath: string, contentType: string): Promise<void>;
  get(key: string): Promise<StoredFile | null>;
  delete(key: string): Promise<void>;
}
