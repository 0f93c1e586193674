import "server-only";
import {
  createCipheriv,
  createDecipheriv,
  createSign,
  createVerify,
  type KeyObject,
  randomBytes,
} from "node:crypto";

// WeChat Pay API v3's signature and encryption rules, in node:crypto.
// - Every signed message is lines each ending in "\n" (the last one too), signed with
//   SHA256-with-RSA (PKCS#1 v1.5) and Base64-encoded.
// - Requests: METHOD, path?query, timestamp, nonce, body. Sent as
//   `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",timestamp="…",serial_no="…",signature="…"`.
// - Responses and notifies: Wechatpay-Timestamp, Wechatpay-Nonce, raw body; verified with the
//   WeChat Pay key that Wechatpay-Serial names (a platform certificate serial or PUB_KEY_ID_…).
// - Notify resources: AEAD_AES_256_GCM with the 32-byte APIv3 key, 12-byte nonce, associated
//   data, and the 16-byte tag appended to the ciphertext.

type Key = string | KeyObject;

const AUTH_SCHEME = "WECHATPAY2-SHA256-RSA2048";
/** WeChat Pay's own replay window for response and notify timestamps (seconds). */
export const MAX_CLOCK_OFFSET_SECONDS = 300;
/** Deliberate signature-probe traffic must always fail verification. */
const SIGNATURE_PROBE_PREFIX = "WECHATPAY/SIGNTEST/";

export function joinedLines(...lines: string[]): string {
  return lines.map((line) => `${line}\n`).join("");
}

export function rsaSign(message: string, privateKey: Key): string {
  return createSign("RSA-SHA256").update(message, "utf8").sign(privateKey, "base64");
}

export function rsaVerify(message: string, signature: string, publicKey: Key): boolean {
  if (!signature || signature.startsWith(SIGNATURE_PROBE_PREFIX)) return false;
  try {
    return createVerify("RSA-SHA256")
      .update(message, "utf8")
      .verify(publicKey, signature, "base64");
  } catch {
    return false;
  }
}

export function nonce(): string {
  return randomBytes(16).toString("hex").toUpperCase();
}

export function unixSeconds(date: Date): string {
  return String(Math.floor(date.getTime() / 1000));
}

export interface AuthorizationFields {
  mchid: string;
  nonce_str: string;
  timestamp: string;
  serial_no: string;
  signature: string;
}

export function requestMessage(
  method: string,
  pathAndQuery: string,
  timestamp: string,
  nonceStr: string,
  body: string,
): string {
  return joinedLines(method.toUpperCase(), pathAndQuery, timestamp, nonceStr, body);
}

export function authorizationHeader(fields: AuthorizationFields): string {
  const items = Object.entries(fields).map(([key, value]) => `${key}="${value}"`);
  return `${AUTH_SCHEME} ${items.join(",")}`;
}

/** The five fields of an Authorization header, in any order; null when malformed. */
export function parseAuthorization(header: string | null): AuthorizationFields | null {
  if (!header?.startsWith(`${AUTH_SCHEME} `)) return null;
  const fields: Record<string, string> = {};
  for (const match of header.slice(AUTH_SCHEME.length + 1).matchAll(/(\w+)="([^"]*)"/g))
    fields[match[1] as string] = match[2] as string;
  const { mchid, nonce_str, timestamp, serial_no, signature } = fields;
  if (!mchid || !nonce_str || !timestamp || !serial_no || !signature) return null;
  return { mchid, nonce_str, timestamp, serial_no, signature };
}

export interface SignatureHeaders {
  timestamp: string;
  nonce: string;
  serial: string;
  signature: string;
}

export function signatureHeadersOf(headers: Headers): SignatureHeaders {
  return {
    timestamp: headers.get("wechatpay-timestamp") ?? "",
    nonce: headers.get("wechatpay-nonce") ?? "",
    serial: headers.get("wechatpay-serial") ?? "",
    signature: headers.get("wechatpay-signature") ?? "",
  };
}

export type VerifyFailure =
  | "missing_headers"
  | "unknown_serial"
  | "stale_timestamp"
  | "bad_signature";

/**
 * Checks a response or notify: headers present, a key for its serial, a timestamp within five
 * minutes of `now`, and the signature over `timestamp\nnonce\nbody\n` of the raw body.
 */
export function verifyWechatpaySignature(
  headers: SignatureHeaders,
  rawBody: string,
  keys: ReadonlyMap<string, Key>,
  now: Date,
): VerifyFailure | null {
  if (!headers.timestamp || !headers.nonce || !headers.serial || !headers.signature)
    return "missing_headers";
  const key = keys.get(headers.serial);
  if (!key) return "unknown_serial";
  const timestamp = Number(headers.timestamp);
  if (
    !/^\d{1,12}$/.test(headers.timestamp) ||
    Math.abs(now.getTime() / 1000 - timestamp) >= MAX_CLOCK_OFFSET_SECONDS
  )
    return "stale_timestamp";
  const message = joinedLines(headers.timestamp, headers.nonce, rawBody);
  return rsaVerify(message, headers.signature, key) ? null : "bad_signature";
}

/** The headers WeChat Pay sends with a signed response or notify. */
export function signedHeaders(
  body: string,
  privateKey: Key,
  serial: string,
  now: Date,
): Record<string, string> {
  const timestamp = unixSeconds(now);
  const nonceStr = nonce();
  return {
    "Wechatpay-Timestamp": timestamp,
    "Wechatpay-Nonce": nonceStr,
    "Wechatpay-Serial": serial,
    "Wechatpay-Signature": rsaSign(joinedLines(timestamp, nonceStr, body), privateKey),
  };
}

export interface EncryptedResource {
  algorithm: "AEAD_AES_256_GCM";
  ciphertext: string;
  associated_data: string;
  nonce: string;
  original_type: string;
}

function apiV3KeyBytes(apiV3Key: string): Buffer {
  const key = Buffer.from(apiV3Key, "utf8");
  if (key.length !== 32) throw new Error("the APIv3 key must be 32 bytes");
  return key;
}

export function encryptResource(
  plaintext: string,
  apiV3Key: string,
  originalType: string,
  associatedData: string,
): EncryptedResource {
  const iv = randomBytes(6).toString("hex"); // 12 characters, as WeChat Pay's nonces are
  const cipher = createCipheriv("aes-256-gcm", apiV3KeyBytes(apiV3Key), Buffer.from(iv, "utf8"));
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const encrypted = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    algorithm: "AEAD_AES_256_GCM",
    ciphertext: Buffer.concat([encrypted, cipher.getAuthTag()]).toString("base64"),
    associated_data: associatedData,
    nonce: iv,
    original_type: originalType,
  };
}

/** The plaintext of a notify resource; throws when the key is wrong or the data was altered. */
export function decryptResource(
  resource: Pick<EncryptedResource, "ciphertext" | "associated_data" | "nonce">,
  apiV3Key: string,
): string {
  const data = Buffer.from(resource.ciphertext, "base64");
  if (data.length < 17) throw new Error("ciphertext too short");
  const decipher = createDecipheriv(
    "aes-256-gcm",
    apiV3KeyBytes(apiV3Key),
    Buffer.from(resource.nonce, "utf8"),
  );
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(resource.associated_data ?? "", "utf8"));
  return Buffer.concat([
    decipher.update(data.subarray(0, data.length - 16)),
    decipher.final(),
  ]).toString("utf8");
}

/** paySign for WeixinJSBridge's getBrandWCPayRequest: appId, timeStamp, nonceStr, package. */
export function jsapiPaySign(
  fields: { appId: string; timeStamp: string; nonceStr: string; package: string },
  merchantPrivateKey: Key,
): string {
  return rsaSign(
    joinedLines(fields.appId, fields.timeStamp, fields.nonceStr, fields.package),
    merchantPrivateKey,
  );
}
