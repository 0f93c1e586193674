import "server-only";
import { AlipaySdk, type AlipaySdkCommonResult, type AlipaySdkConfig } from "alipay-sdk";
import { privateKeyType, sandboxAlipayKeys, sandboxAppKeys } from "@/lib/alipay/keys";
import { env, isSandbox } from "@/lib/env";
import { log } from "@/lib/log";

// One alipay-sdk instance built from the environment. Live mode talks to the configured gateway
// with the configured keys (public-key or certificate mode); sandbox mode talks to the app's own
// sandbox gateway with generated keys. Nothing else differs between the two.

/** Identifiers the sandbox uses when none are configured (sandbox app ids start with 9021). */
export const SANDBOX_APP_ID = "9021000000000001";
export const SANDBOX_SELLER_ID = "2088000000000001";

const SANDBOX_GATEWAY_PATH = "/api/sandbox/alipay/gateway.do";
const SANDBOX_AUTHORIZE_PATH = "/sandbox/alipay/authorize";
const NOTIFY_PATH = "/api/payment/ali/notify";
const AUTH_REDIRECT_PATH = "/api/payment/ali/auth_notify";

export interface AlipaySettings {
  sandbox: boolean;
  appId: string;
  /** The merchant PID notifies must name; unset in live mode means "not checked". */
  sellerId: string | undefined;
  gateway: string;
  authUrl: string;
  authScope: string;
  notifyUrl: string;
  authRedirectUrl: string;
}

export function alipaySettings(): AlipaySettings {
  const settings = env();
  const sandbox = isSandbox();
  return {
    sandbox,
    appId: settings.ALIPAY_APP_ID ?? SANDBOX_APP_ID,
    sellerId: settings.ALIPAY_SELLER_ID ?? (sandbox ? SANDBOX_SELLER_ID : undefined),
    gateway: sandbox ? `${settings.APP_URL}${SANDBOX_GATEWAY_PATH}` : settings.ALIPAY_GATEWAY,
    authUrl: sandbox ? `${settings.APP_URL}${SANDBOX_AUTHORIZE_PATH}` : settings.ALIPAY_AUTH_URL,
    authScope: settings.ALIPAY_AUTH_SCOPE,
    notifyUrl: `${settings.APP_URL}${NOTIFY_PATH}`,
    authRedirectUrl: `${settings.APP_URL}${AUTH_REDIRECT_PATH}`,
  };
}

function sdkConfig(): AlipaySdkConfig {
  const settings = env();
  const { appId, gateway } = alipaySettings();
  const common = { appId, gateway, timeout: 10_000 };
  if (isSandbox()) {
    return {
      ...common,
      privateKey: sandboxAppKeys().privateKey,
      keyType: "PKCS8",
      alipayPublicKey: sandboxAlipayKeys().publicKey,
    };
  }
  const privateKey = settings.ALIPAY_PRIVATE_KEY;
  if (!privateKey) throw new Error("ALIPAY_PRIVATE_KEY must be configured in live mode");
  const keys = { privateKey, keyType: privateKeyType(privateKey) };
  if (settings.ALIPAY_APP_CERT_PATH) {
    return {
      ...common,
      ...keys,
      appCertPath: settings.ALIPAY_APP_CERT_PATH,
      alipayPublicCertPath: settings.ALIPAY_PUBLIC_CERT_PATH,
      alipayRootCertPath: settings.ALIPAY_ROOT_CERT_PATH,
    };
  }
  return { ...common, ...keys, alipayPublicKey: settings.ALIPAY_PUBLIC_KEY };
}

const holder = globalThis as unknown as { zhizuAlipaySdk?: AlipaySdk };

export function alipaySdk(): AlipaySdk {
  holder.zhizuAlipaySdk ??= new AlipaySdk(sdkConfig());
  return holder.zhizuAlipaySdk;
}

/** The gateway could not be reached or answered something unverifiable: the outcome is unknown. */
export class AlipayUnavailableError extends Error {
  constructor(method: string, cause: unknown) {
    super(`Alipay call ${method} failed`, { cause });
    this.name = "AlipayUnavailableError";
  }
}

/**
 * A server-to-server call whose response signature is always verified (alipay-sdk skips the
 * check unless asked). Business failures come back as a result with `code` ≠ 10000.
 */
export async function callAlipay(
  method: string,
  params: Record<string, unknown>,
): Promise<AlipaySdkCommonResult> {
  try {
    return await alipaySdk().exec(method, params, { validateSign: true });
  } catch (error) {
    // Only the error's kind: its message can quote the response, tokens included.
    log.warn("alipay.call_failed", {
      method,
      error: error instanceof Error ? error.name : String(error),
      code: (error as { code?: unknown }).code,
    });
    throw new AlipayUnavailableError(method, error);
  }
}

export function isAlipaySuccess(result: AlipaySdkCommonResult): boolean {
  return result.code === "10000";
}
