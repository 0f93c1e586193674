import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll } from "vitest";

/** An RSA key pair in PEM made for this run, so no key material lives in the repository. */
export function rsaKeys(privateKeyType: "pkcs1" | "pkcs8") {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: privateKeyType, format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
}

/**
 * The settings live mode requires, Alipay in public-key mode with `keys`; `extra` adds or
 * replaces settings (WeChat Pay's, another gateway).
 */
export function liveEnv(
  keys: { privateKey: string; publicKey: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    APP_MODE: "live",
    APP_URL: "https://zhizu.example",
    AUTH_SECRET: "live-auth-secret-for-tests-0123456789",
    DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    WECHAT_APP_ID: "wx-live",
    AMAP_WEB_KEY: "amap-test-key",
    WECHAT_APP_SECRET: "wx-secret",
    ALIPAY_APP_ID: "2021004100000001",
    ALIPAY_PRIVATE_KEY: keys.privateKey,
    ALIPAY_PUBLIC_KEY: keys.publicKey,
    ...extra,
  };
}

/** Puts `values` on process.env for the calling file's tests and restores it after them. */
export function withEnv(values: Record<string, string>): void {
  const saved = { ...process.env };
  beforeAll(() => {
    Object.assign(process.env, values);
  });
  afterAll(() => {
    process.env = saved;
  });
}
