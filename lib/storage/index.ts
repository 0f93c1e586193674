import path from "node:path";
import { env } from "@/lib/env";
import type { StorageDriver } from "@/lib/storage/driver";
import { localDriver } from "@/lib/storage/local";

let driver: StorageDriver | undefined;

/** Local disk under DATA_DIR by default. */
export function storage(): StorageDriver {
  driver ??= localDriver(path.join(env().DATA_DIR, "files"));
  return driver;
}

/** The URL at which a stored file is served (the legacy `/file/<path>` also works). */
export function fileUrl(key: string | null | undefined): string | null {
  return key ? `/api/file/${key}` : null;
}
