import "server-only";
import { createHash, createSign, createVerify } from "node:crypto";
import { sandboxAlipayKeys, sandboxAppKeys } from "@/lib/alipay/keys";

// Alipay's RSA2 rules, as the open platform applies them: the content is every non-empty
// parameter except the excluded ones, sorted by name, joined as k=v with &, no URL encoding.

type Params = Record<string, string | undefined>;

function signContent(params: Params, exclude: readonly string[]): string {
  return Object.keys(params)
    .filter((key) => !exclude.includes(key) && params[key] !== undefined && params[key] !== "")
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join("&");
}

function rsa2Sign(content: string, privateKey: string): string {
  return createSign("RSA-SHA256").update(content, "utf8").sign(privateKey, "base64");
}

/** Request signature check: everything but `sign` is signed (sign_type included). */
export function verifyAppSignature(params: Params): boolean {
  const sign = params.sign;
  if (!sign || params.sign_type !== "RSA2") return false;
  try {
    return createVerify("RSA-SHA256")
      .update(signContent(params, ["sign"]), "utf8")
      .verify(sandboxAppKeys().publicKey, sign, "base64");
  } catch {
    return false;
  }
}

/** Signs notify and return parameters as Alipay does: `sign` and `sign_type` are left out. */
export function signAsAlipay(params: Record<string, string>): Record<string, string> {
  const content = signContent(params, ["sign", "sign_type"]);
  return { ...params, sign: rsa2Sign(content, sandboxAlipayKeys().privateKey) };
}

/**
 * A gateway response: `{"<method>_response":{…},"sign":"…"}` where the signature covers the
 * exact JSON text of the inner object, which is what alipay-sdk cuts out and verifies.
 */
export function signedGatewayResponse(method: string, body: Record<string, unknown>): Response {
  const inner = JSON.stringify(body);
  const sign = rsa2Sign(inner, sandboxAlipayKeys().privateKey);
  const key = `${method.replaceAll(".", "_")}_response`;
  return new Response(`{"${key}":${inner},"sign":"${sign}"}`, {
    headers: { "content-type": "application/json;charset=utf-8" },
  });
}

/** Stable sandbox identities derived from a logon id, shaped like Alipay's. */
export function sandboxIdentity(logonId: string): { userId: string; openId: string } {
  const digest = createHash("sha256").update(logonId).digest();
  const digits = [...digest.subarray(0, 12)].map((byte) => byte % 10).join("");
  return { userId: `2088${digits}`, openId: `0${digest.toString("hex").slice(0, 40)}` };
}
