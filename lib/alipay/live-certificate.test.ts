import { execFileSync } from "node:child_process";
import { createSign, createVerify, X509Certificate } from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { paymentAttempts } from "@/db/schema";
import { AlipayUnavailableError, callAlipay } from "@/lib/alipay/client";
import { processAlipayNotify } from "@/lib/payments/notify";
import { viewingFeePaymentUrl } from "@/lib/payments/payment-url";
import { insertHouse } from "@/lib/payments/test-support";
import { createViewingRequest } from "@/lib/payments/viewing-requests";
import { createUser } from "@/tests/helpers";
import { createTenant } from "@/tests/viewings";

// Live mode in certificate mode (what payouts need): only configuration differs from public-key
// mode. Certificates are made with openssl for this run (a root CA issuing the app's and
// "Alipay's" certificates), so no key material lives in the repository.

const dir = path.join(process.env.DATA_DIR ?? "", "certs");
const file = (name: string) => path.join(dir, name);
const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "ignore" });

function issue(name: string, commonName: string) {
  openssl(
    ...["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
    ...["-out", file(`${name}.key`)],
  );
  openssl(
    ...["req", "-new", "-key", file(`${name}.key`), "-out", file(`${name}.csr`)],
    ...["-subj", `/CN=${commonName}`],
  );
  openssl(
    ...["x509", "-req", "-in", file(`${name}.csr`), "-CA", file("root.crt")],
    ...["-CAkey", file("root.key"), "-CAcreateserial", "-out", file(`${name}.crt`)],
    ...["-days", "1", "-sha256"],
  );
}

let gatewayHits = 0;
let gateway: https.Server;

beforeAll(async () => {
  fs.mkdirSync(dir, { recursive: true });
  openssl(
    ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", file("root.key")],
    ...["-out", file("root.crt"), "-subj", "/CN=Zhizu Test Root", "-days", "1", "-sha256"],
  );
  issue("app", "2021004100000002");
  issue("alipay", "Alipay Test");
  // A gateway whose certificate no public CA vouches for: Alipay calls must refuse to talk to it.
  gateway = https.createServer(
    { key: fs.readFileSync(file("alipay.key")), cert: fs.readFileSync(file("alipay.crt")) },
    (_, response) => {
      gatewayHits += 1;
      response.end("{}");
    },
  );
  await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
  const { port } = gateway.address() as AddressInfo;
  Object.assign(process.env, {
    APP_MODE: "live",
    APP_URL: "https://zhizu.example",
    AUTH_SECRET: "live-auth-secret-for-tests-0123456789",
    DATA_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
    WECHAT_APP_ID: "wx-live",
    AMAP_WEB_KEY: "amap-test-key",
    WECHAT_APP_SECRET: "wx-secret",
    ALIPAY_APP_ID: "2021004100000002",
    ALIPAY_PRIVATE_KEY: fs.readFileSync(file("app.key"), "utf8"),
    ALIPAY_APP_CERT_PATH: file("app.crt"),
    ALIPAY_PUBLIC_CERT_PATH: file("alipay.crt"),
    ALIPAY_ROOT_CERT_PATH: file("root.crt"),
    ALIPAY_GATEWAY: `https://127.0.0.1:${port}/gateway.do`,
  });
}, 60_000);
afterAll(
  () => new Promise<void>((resolve) => (gateway ? gateway.close(() => resolve()) : resolve())),
);

/** Signs notify fields with "Alipay's" certificate key, as Alipay does in certificate mode. */
function signedByAlipay(fields: Record<string, string>): string {
  const content = Object.keys(fields)
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join("&");
  const sign = createSign("RSA-SHA256")
    .update(content, "utf8")
    .sign(fs.readFileSync(file("alipay.key")), "base64");
  return new URLSearchParams({ ...fields, sign, sign_type: "RSA2" }).toString();
}

describe("live mode with certificates", () => {
  it("signs payment URLs with the app key and names both certificates", async () => {
    const landlord = await createUser();
    const tenant = await createTenant();
    const house = await insertHouse(landlord.user.id);
    const requestId = await createViewingRequest(tenant.user.id, {
      ownerId: landlord.user.id,
      houseId: house.id,
      consent: true,
    });
    const { payment_url } = await viewingFeePaymentUrl(
      tenant.user.id,
      requestId,
      "https://zhizu.example/pay/done",
    );
    const url = new URL(payment_url);
    expect(url.origin).toBe(new URL(process.env.ALIPAY_GATEWAY ?? "").origin);
    expect(url.searchParams.get("app_id")).toBe("2021004100000002");
    expect(url.searchParams.get("app_cert_sn")).toMatch(/^[0-9a-f]{32}$/);
    expect(url.searchParams.get("alipay_root_cert_sn")).toMatch(/^[0-9a-f]{32}$/);
    const params = Object.fromEntries(url.searchParams);
    const content = Object.keys(params)
      .filter((key) => key !== "sign")
      .sort()
      .map((key) => `${key}=${params[key]}`)
      .join("&");
    const appCert = new X509Certificate(fs.readFileSync(file("app.crt")));
    const verified = createVerify("RSA-SHA256")
      .update(content, "utf8")
      .verify(appCert.publicKey, params.sign ?? "", "base64");
    expect(verified).toBe(true);

    // A notify signed with the key of the configured Alipay certificate pays the request.
    const attempt = await db().query.paymentAttempts.findFirst({
      where: eq(paymentAttempts.viewingRequestId, requestId),
    });
    const fields = {
      app_id: "2021004100000002",
      notify_id: "cert-mode-1",
      out_trade_no: attempt?.outTradeNo ?? "",
      trade_no: "2026112822001400000000000009",
      trade_status: "TRADE_SUCCESS",
      total_amount: "10.00",
    };
    expect(await processAlipayNotify(signedByAlipay(fields))).toEqual({
      answer: "success",
      outcome: "paid",
    });
    // Anything else is refused.
    const forged = signedByAlipay({ ...fields, notify_id: "cert-mode-2" }).replace(
      /sign=[^&]+/,
      "sign=AAAA",
    );
    expect(await processAlipayNotify(forged)).toEqual({ answer: "fail", outcome: "bad_signature" });
  });

  it("verifies the gateway's TLS certificate (the legacy service turned this off)", async () => {
    await expect(
      callAlipay("alipay.trade.query", { bizContent: { out_trade_no: "VR1" } }),
    ).rejects.toBeInstanceOf(AlipayUnavailableError);
    expect(gatewayHits).toBe(0);
  });
});
