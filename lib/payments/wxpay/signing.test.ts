import { execFileSync } from "node:child_process";
import { generateKeyPairSync, webcrypto } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { platformVerificationKeys } from "@/lib/payments/wxpay/settings";
import {
  authorizationHeader,
  decryptResource,
  encryptResource,
  joinedLines,
  parseAuthorization,
  requestMessage,
  rsaSign,
  rsaVerify,
  signedHeaders,
  verifyWechatpaySignature,
} from "@/lib/payments/wxpay/signing";

// WeChat's own pages cannot be fetched here, so every primitive is cross-checked against an
// independent implementation: the openssl command line for SHA256-with-RSA and certificates,
// WebCrypto for AEAD_AES_256_GCM (whose output is ciphertext‖tag, exactly WeChat's format).

const { privateKey, publicKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const API_V3_KEY = "0123456789abcdefABCDEF0123456789";

function tempFile(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wxpay-sign-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe("SHA256-with-RSA signatures", () => {
  const message = requestMessage(
    "POST",
    "/v3/pay/transactions/jsapi",
    "1554208460",
    "593BEC0C930BF1AFEB40B4A08C8FB242",
    '{"appid":"wx1","amount":{"total":1000}}',
  );

  it("builds the five-line request message, each line ending in \\n", () => {
    expect(message).toBe(
      'POST\n/v3/pay/transactions/jsapi\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n{"appid":"wx1","amount":{"total":1000}}\n',
    );
    expect(joinedLines("wx1", "1554208460", "n", "prepay_id=wx2")).toBe(
      "wx1\n1554208460\nn\nprepay_id=wx2\n",
    );
  });

  it("signs what openssl verifies, and verifies what openssl signs", () => {
    const messageFile = tempFile("message.txt", message);
    const publicFile = tempFile("public.pem", publicKey);
    const privateFile = tempFile("private.pem", privateKey);
    const ours = tempFile("ours.sig", Buffer.from(rsaSign(message, privateKey), "base64"));
    const verified = execFileSync("openssl", [
      "dgst",
      "-sha256",
      "-verify",
      publicFile,
      "-signature",
      ours,
      messageFile,
    ]).toString();
    expect(verified).toContain("Verified OK");

    const theirs = execFileSync("openssl", ["dgst", "-sha256", "-sign", privateFile, messageFile]);
    expect(rsaVerify(message, theirs.toString("base64"), publicKey)).toBe(true);
    expect(rsaVerify(`${message}x`, theirs.toString("base64"), publicKey)).toBe(false);
    // WeChat Pay's deliberate probe traffic must always fail.
    expect(rsaVerify(message, `WECHATPAY/SIGNTEST/${theirs.toString("base64")}`, publicKey)).toBe(
      false,
    );
  });

  it("round-trips the Authorization header in any field order", () => {
    const fields = {
      mchid: "1900000109",
      nonce_str: "abc",
      timestamp: "1554208460",
      serial_no: "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C",
      signature: "c2ln+/==",
    };
    expect(parseAuthorization(authorizationHeader(fields))).toEqual(fields);
    const reordered = `WECHATPAY2-SHA256-RSA2048 signature="c2ln+/==",serial_no="${fields.serial_no}",timestamp="1554208460",nonce_str="abc",mchid="1900000109"`;
    expect(parseAuthorization(reordered)).toEqual(fields);
    expect(parseAuthorization('WECHATPAY2-SHA256-RSA2048 mchid="1"')).toBeNull();
    expect(parseAuthorization("Bearer x")).toBeNull();
  });

  it("verifies responses by serial within five minutes, refusing forged, stale and unknown ones", () => {
    const now = new Date();
    const body = '{"prepay_id":"wx1"}';
    const keys = new Map([["PUB_KEY_ID_1", publicKey]]);
    const good = signedHeaders(body, privateKey, "PUB_KEY_ID_1", now);
    const headers = {
      timestamp: good["Wechatpay-Timestamp"] ?? "",
      nonce: good["Wechatpay-Nonce"] ?? "",
      serial: good["Wechatpay-Serial"] ?? "",
      signature: good["Wechatpay-Signature"] ?? "",
    };
    expect(verifyWechatpaySignature(headers, body, keys, now)).toBeNull();
    expect(verifyWechatpaySignature(headers, `${body} `, keys, now)).toBe("bad_signature");
    expect(verifyWechatpaySignature({ ...headers, serial: "OTHER" }, body, keys, now)).toBe(
      "unknown_serial",
    );
    expect(verifyWechatpaySignature({ ...headers, signature: "" }, body, keys, now)).toBe(
      "missing_headers",
    );
    const sixMinutesLater = new Date(now.getTime() + 6 * 60_000);
    expect(verifyWechatpaySignature(headers, body, keys, sixMinutesLater)).toBe("stale_timestamp");
  });

  it("reads platform certificates by their serial (platform-certificate mode)", () => {
    const keyFile = tempFile("platform.pem", privateKey);
    const certFile = tempFile("platform-cert.pem", "");
    execFileSync("openssl", [
      "req",
      "-new",
      "-x509",
      "-key",
      keyFile,
      "-out",
      certFile,
      "-days",
      "1",
      "-subj",
      "/CN=Tenpay",
    ]);
    const serial = execFileSync("openssl", ["x509", "-in", certFile, "-noout", "-serial"])
      .toString()
      .trim()
      .replace(/^serial=/, "")
      .toUpperCase();
    const keys = platformVerificationKeys({
      certificatePaths: certFile,
      publicKey,
      publicKeyId: "PUB_KEY_ID_0114",
    });
    expect([...keys.keys()].sort()).toEqual([serial, "PUB_KEY_ID_0114"].sort());
    const now = new Date();
    const signed = signedHeaders("{}", privateKey, serial, now);
    expect(
      verifyWechatpaySignature(
        {
          timestamp: signed["Wechatpay-Timestamp"] ?? "",
          nonce: signed["Wechatpay-Nonce"] ?? "",
          serial,
          signature: signed["Wechatpay-Signature"] ?? "",
        },
        "{}",
        keys,
        now,
      ),
    ).toBeNull();
  });
});

describe("AEAD_AES_256_GCM resources", () => {
  const subtleKey = () =>
    webcrypto.subtle.importKey("raw", Buffer.from(API_V3_KEY), "AES-GCM", false, [
      "encrypt",
      "decrypt",
    ]);

  it("decrypts what WebCrypto encrypts and the other way round", async () => {
    const plaintext = JSON.stringify({ out_trade_no: "VR1", amount: { total: 1000 } });
    const iv = "abcdefghijkl";
    const encrypted = await webcrypto.subtle.encrypt(
      { name: "AES-GCM", iv: Buffer.from(iv), additionalData: Buffer.from("transaction") },
      await subtleKey(),
      Buffer.from(plaintext),
    );
    expect(
      decryptResource(
        {
          ciphertext: Buffer.from(encrypted).toString("base64"),
          associated_data: "transaction",
          nonce: iv,
        },
        API_V3_KEY,
      ),
    ).toBe(plaintext);

    const ours = encryptResource(plaintext, API_V3_KEY, "transaction", "transaction");
    expect(ours).toMatchObject({ algorithm: "AEAD_AES_256_GCM", original_type: "transaction" });
    expect(ours.nonce).toHaveLength(12);
    const decrypted = await webcrypto.subtle.decrypt(
      { name: "AES-GCM", iv: Buffer.from(ours.nonce), additionalData: Buffer.from("transaction") },
      await subtleKey(),
      Buffer.from(ours.ciphertext, "base64"),
    );
    expect(Buffer.from(decrypted).toString()).toBe(plaintext);
  });

  it("refuses a wrong key, altered ciphertext or altered associated data", () => {
    const resource = encryptResource('{"a":1}', API_V3_KEY, "transaction", "transaction");
    expect(() => decryptResource(resource, "X".repeat(32))).toThrow();
    expect(() => decryptResource({ ...resource, associated_data: "refund" }, API_V3_KEY)).toThrow();
    const bytes = Buffer.from(resource.ciphertext, "base64");
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    expect(() =>
      decryptResource({ ...resource, ciphertext: bytes.toString("base64") }, API_V3_KEY),
    ).toThrow();
  });
});
