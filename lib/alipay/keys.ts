import "server-only";
import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { readOrCreateSecretFile } from "@/lib/secrets";

// Sandbox mode generates two RSA key pairs on first use, as the Alipay open platform would hand
// them out: the app's own pair (the app signs requests; the sandbox verifies with the public half)
// and the sandbox "Alipay" pair (the sandbox signs notifies and responses; the app verifies).
// Only the private halves are stored; public halves are derived.

function generatePrivateKeyPem(): string {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
}

function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem))
    .export({ type: "spki", format: "pem" })
    .toString();
}

export interface KeyPair {
  privateKey: string;
  publicKey: string;
}

function sandboxPair(fileName: string): KeyPair {
  const privateKey = readOrCreateSecretFile(fileName, generatePrivateKeyPem);
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

/** The app's key pair in sandbox mode (stands in for ALIPAY_PRIVATE_KEY and its public half). */
export function sandboxAppKeys(): KeyPair {
  return sandboxPair("alipay-sandbox-app-private-key.pem");
}

/** The sandbox "Alipay" key pair (its public half stands in for ALIPAY_PUBLIC_KEY). */
export function sandboxAlipayKeys(): KeyPair {
  return sandboxPair("alipay-sandbox-platform-private-key.pem");
}

/**
 * alipay-sdk parses the private key as PKCS1 unless told otherwise, while Alipay's key tool
 * produces PKCS8; detect which one a configured key is so either works unchanged.
 */
export function privateKeyType(key: string): "PKCS1" | "PKCS8" {
  if (key.includes("BEGIN RSA PRIVATE KEY")) return "PKCS1";
  if (key.includes("BEGIN PRIVATE KEY")) return "PKCS8";
  const der = Buffer.from(key.replace(/\s+/g, ""), "base64");
  try {
    createPrivateKey({ key: der, format: "der", type: "pkcs8" });
    return "PKCS8";
  } catch {
    return "PKCS1";
  }
}

/** Creates the sandbox key pairs at start-up, so the first payment does not pay for keygen. */
export function ensureSandboxAlipayKeys(): void {
  sandboxAppKeys();
  sandboxAlipayKeys();
}
