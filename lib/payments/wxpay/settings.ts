import "server-only";
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  X509Certificate,
} from "node:crypto";
import fs from "node:fs";
import { env, isSandbox } from "@/lib/env";
import { readOrCreateSecretFile } from "@/lib/secrets";

// WeChat Pay settings. Live mode takes them from the environment (all or none: lib/env.ts);
// sandbox mode generates, on first use, what the merchant platform would hand out: the merchant
// API key pair (its serial derived from the public key), the "WeChat Pay" key pair used in
// public-key mode (PUB_KEY_ID_…), and the 32-character APIv3 key, all under DATA_DIR/secrets.

export const SANDBOX_MCH_ID = "1900000109";
export const SANDBOX_GATEWAY_PATH = "/api/sandbox/wxpay";
const WXPAY_NOTIFY_PATH = "/api/payment/wx/notify";

export interface WxpaySettings {
  sandbox: boolean;
  mchid: string;
  /** The Official Account appid (WECHAT_APP_ID) the payer's openid belongs to. */
  appid: string | undefined;
  apiBase: string;
  merchantPrivateKey: KeyObject;
  merchantSerial: string;
  apiV3Key: string;
  /** WeChat Pay verification keys by Wechatpay-Serial (certificate serials and/or PUB_KEY_ID_…). */
  platformKeys: Map<string, KeyObject>;
  /** Sent as the Wechatpay-Serial request header in public-key mode. */
  publicKeyId: string | undefined;
  notifyUrl: string;
}

function generatedPrivateKey(fileName: string): KeyObject {
  const pem = readOrCreateSecretFile(
    fileName,
    () =>
      generateKeyPairSync("rsa", {
        modulusLength: 2048,
        privateKeyEncoding: { type: "pkcs8", format: "pem" },
        publicKeyEncoding: { type: "spki", format: "pem" },
      }).privateKey,
  );
  return createPrivateKey(pem);
}

function fingerprint(key: KeyObject): string {
  const der = createPublicKey(key).export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("hex").toUpperCase();
}

/** The sandbox merchant key pair (stands in for apiclient_key.pem and its certificate serial). */
export function sandboxMerchantKey(): {
  privateKey: KeyObject;
  publicKey: KeyObject;
  serial: string;
} {
  const privateKey = generatedPrivateKey("wxpay-sandbox-merchant-private-key.pem");
  return {
    privateKey,
    publicKey: createPublicKey(privateKey),
    serial: fingerprint(privateKey).slice(0, 40),
  };
}

/** The sandbox "WeChat Pay" key pair in public-key mode, with its PUB_KEY_ID_…. */
export function sandboxPlatformKey(): { privateKey: KeyObject; publicKey: KeyObject; id: string } {
  const privateKey = generatedPrivateKey("wxpay-sandbox-platform-private-key.pem");
  return {
    privateKey,
    publicKey: createPublicKey(privateKey),
    id: `PUB_KEY_ID_${fingerprint(privateKey).slice(0, 32)}`,
  };
}

export function sandboxApiV3Key(): string {
  return readOrCreateSecretFile("wxpay-sandbox-apiv3-key", () =>
    randomBytes(24).toString("base64url").slice(0, 32),
  );
}

/** Accepts a PEM with real or escaped (`\n`) line breaks, as env files often carry it. */
function pem(value: string): string {
  return value.includes("\\n") ? value.replaceAll("\\n", "\n") : value;
}

/**
 * Verification keys by serial: platform certificates (serial from each certificate) and the
 * WeChat Pay public key under its id. Both may be configured during WeChat's switch-over.
 */
export function platformVerificationKeys(config: {
  publicKey?: string;
  publicKeyId?: string;
  certificatePaths?: string;
}): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const file of (config.certificatePaths ?? "").split(",")) {
    if (!file.trim()) continue;
    const certificate = new X509Certificate(fs.readFileSync(file.trim()));
    keys.set(certificate.serialNumber.toUpperCase(), certificate.publicKey);
  }
  if (config.publicKey && config.publicKeyId)
    keys.set(config.publicKeyId, createPublicKey(pem(config.publicKey)));
  return keys;
}

const holder = globalThis as unknown as { zhizuWxpaySettings?: WxpaySettings | null };

/** The WeChat Pay settings, or null when WeChat Pay is not configured (live mode only). */
export function wxpaySettings(): WxpaySettings | null {
  if (holder.zhizuWxpaySettings !== undefined) return holder.zhizuWxpaySettings;
  const settings = env();
  const common = {
    appid: settings.WECHAT_APP_ID,
    notifyUrl: `${settings.APP_URL}${WXPAY_NOTIFY_PATH}`,
  };
  if (isSandbox()) {
    const merchant = sandboxMerchantKey();
    const platform = sandboxPlatformKey();
    holder.zhizuWxpaySettings = {
      ...common,
      sandbox: true,
      mchid: SANDBOX_MCH_ID,
      apiBase: `${settings.APP_URL}${SANDBOX_GATEWAY_PATH}`,
      merchantPrivateKey: merchant.privateKey,
      merchantSerial: merchant.serial,
      apiV3Key: sandboxApiV3Key(),
      platformKeys: new Map([[platform.id, platform.publicKey]]),
      publicKeyId: platform.id,
    };
  } else if (settings.WXPAY_MCH_ID && settings.WXPAY_MCH_PRIVATE_KEY) {
    holder.zhizuWxpaySettings = {
      ...common,
      sandbox: false,
      mchid: settings.WXPAY_MCH_ID,
      apiBase: settings.WXPAY_API_BASE,
      merchantPrivateKey: createPrivateKey(pem(settings.WXPAY_MCH_PRIVATE_KEY)),
      merchantSerial: settings.WXPAY_MCH_CERT_SERIAL ?? "",
      apiV3Key: settings.WXPAY_API_V3_KEY ?? "",
      platformKeys: platformVerificationKeys({
        publicKey: settings.WXPAY_PUBLIC_KEY,
        publicKeyId: settings.WXPAY_PUBLIC_KEY_ID,
        certificatePaths: settings.WXPAY_PLATFORM_CERT_PATHS,
      }),
      publicKeyId: settings.WXPAY_PUBLIC_KEY_ID,
    };
  } else {
    holder.zhizuWxpaySettings = null;
  }
  return holder.zhizuWxpaySettings;
}
