import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import { blobDriver } from "@/lib/storage/blob";
import type { StorageDriver } from "@/lib/storage/driver";
import { localDriver } from "@/lib/storage/local";

let driver: StorageDriver | undefined;

/** Vercel Blob when BLOB_READ_WRITE_TOKEN is set, otherwise local disk under DATA_DIR. */
export function storage(): StorageDriver {
  driver ??= selectDriver();
  return driver;
}

function selectDriver(): StorageDriver {
  const settings = env();
  if (settings.BLOB_READ_WRITE_TOKEN) {
    return blobDriver({
      token: settings.BLOB_READ_WRITE_TOKEN,
      privateToken: settings.BLOB_PRIVATE_READ_WRITE_TOKEN,
    });
  }
  return localDriver(path.join(settings.DATA_DIR, "files"));
}

/** The URL at which a stored file is served (the legacy `/file/<path>` also works). */
export function fileUrl(key: string | null | undefined): string | null {
  return key ? `/api/file/${key}` : null;
}
