import "server-only";
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { dataEncryptionKey } from "@/lib/secrets";

// AES-256-GCM for personal data at rest; format "v1:<iv>:<tag>:<ciphertext>" in base64url.

export function encryptText(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", dataEncryptionKey(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(":");
}

export function decryptText(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(":");
  if (version !== "v1" || !iv || !tag || body === undefined)
    throw new Error("Unknown ciphertext format");
  const decipher = createDecipheriv(
    "aes-256-gcm",
    dataEncryptionKey(),
    Buffer.from(iv, "base64url"),
  );
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([
    decipher.update(Buffer.from(body, "base64url")),
    decipher.final(),
  ]).toString("utf8");
}

/** Keyed hash for uniqueness lookups of values we only store encrypted. */
export function keyedHash(value: string, purpose: string): string {
  return createHmac("sha256", dataEncryptionKey()).update(`${purpose}:${value}`).digest("hex");
}
