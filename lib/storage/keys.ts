import "server-only";
import { randomUUID } from "node:crypto";

// Storage keys are generated here only, never from user text:
//   public/<uuid>.<ext>                listing photos, thumbnails, videos, portraits
//   private/u<userId>/<uuid>.<ext>     identity documents, readable by their owner and admins
// Anything that does not match these shapes is rejected, which rules out path traversal.

const contentTypes = {
  jpg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  mp4: "video/mp4",
  mov: "video/quicktime",
  webm: "video/webm",
} as const;

export type StoredExtension = keyof typeof contentTypes;

const KEY_PATTERN =
  /^(?:public|private\/u(?<owner>[1-9][0-9]{0,11}))\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(?<ext>jpg|png|webp|mp4|mov|webm)$/;

export function newPublicKey(ext: StoredExtension): string {
  return `public/${randomUUID()}.${ext}`;
}

export function newPrivateKey(ownerId: number, ext: StoredExtension): string {
  return `private/u${ownerId}/${randomUUID()}.${ext}`;
}

export interface ParsedKey {
  key: string;
  visibility: "public" | "private";
  ownerId: number | null;
  contentType: string;
}

export function parseKey(key: string): ParsedKey | null {
  const match = KEY_PATTERN.exec(key);
  if (!match?.groups) return null;
  const owner = match.groups.owner;
  return {
    key,
    visibility: owner ? "private" : "public",
    ownerId: owner ? Number(owner) : null,
    contentType: contentTypes[match.groups.ext as StoredExtension],
  };
}
