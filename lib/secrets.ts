import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

// Secrets that sandbox mode generates on first run and keeps under DATA_DIR/secrets (mode 0600),
// so a fresh clone works with nothing configured. Live mode takes them from the environment only.

function secretsDir(): string {
  return path.join(env().DATA_DIR, "secrets");
}

export function readOrCreateSecretFile(name: string, create: () => string): string {
  const file = path.join(secretsDir(), name);
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(secretsDir(), { recursive: true, mode: 0o700 });
  const value = create();
  try {
    // "wx" keeps the first writer's value if two processes race on first start.
    fs.writeFileSync(file, value, { mode: 0o600, flag: "wx" });
    return value;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return fs.readFileSync(file, "utf8");
    throw error;
  }
}

function configuredOrGenerated(configured: string | undefined, fileName: string): string {
  if (configured) return configured;
  if (env().APP_MODE === "live") throw new Error(`${fileName} must be configured in live mode`);
  return readOrCreateSecretFile(fileName, () => randomBytes(32).toString("base64"));
}

/** 32-byte key for encrypting personal data at rest (ID numbers, Alipay tokens). */
export function dataEncryptionKey(): Buffer {
  const key = Buffer.from(
    configuredOrGenerated(env().DATA_ENCRYPTION_KEY, "data-encryption-key"),
    "base64",
  );
  if (key.length !== 32) throw new Error("DATA_ENCRYPTION_KEY must be 32 bytes, base64-encoded");
  return key;
}

export function authSecret(): string {
  return configuredOrGenerated(env().AUTH_SECRET, "auth-secret");
}

/** Key for the keyed hashes of SMS codes, phone numbers and client addresses (phone_codes). */
export function phoneCodeKey(): Buffer {
  return createHmac("sha256", authSecret()).update("zhizu phone codes").digest();
}
