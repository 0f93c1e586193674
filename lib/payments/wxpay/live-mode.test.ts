import { describe, expect, it } from "vitest";
import { POST as cashier } from "@/app/api/sandbox/wxpay/cashier/route";
import { GET as gateway } from "@/app/api/sandbox/wxpay/v3/[...path]/route";
import SandboxWxpayCashierPage from "@/app/sandbox/wxpay/cashier/page";
import { EnvError, parseEnv } from "@/lib/env";
import { wxpaySettings } from "@/lib/payments/wxpay/settings";
import { buildRequest } from "@/tests/helpers";
import { liveEnv, rsaKeys, withEnv } from "@/tests/live-mode";

// Live mode: WeChat Pay from the environment, all settings or none; no sandbox routes or pages.

const { privateKey, publicKey } = rsaKeys("pkcs8");
const live = liveEnv({ privateKey, publicKey });
const wxpay = {
  WXPAY_MCH_ID: "1900000001",
  WXPAY_MCH_PRIVATE_KEY: privateKey.replaceAll("\n", "\\n"),
  WXPAY_MCH_CERT_SERIAL: "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C",
  WXPAY_API_V3_KEY: "0123456789abcdefABCDEF0123456789",
  WXPAY_PUBLIC_KEY: publicKey,
  WXPAY_PUBLIC_KEY_ID: "PUB_KEY_ID_0119000000012026",
};
withEnv({ ...live, ...wxpay });

function missingOf(values: Record<string, string>): string {
  try {
    parseEnv({ ...live, ...values });
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  return "";
}

describe("WeChat Pay settings in live mode", () => {
  it("are all or none, naming what is missing", () => {
    expect(missingOf({})).toBe("");
    expect(missingOf(wxpay)).toBe("");
    const onlyMchid = missingOf({ WXPAY_MCH_ID: "1900000001" });
    for (const name of [
      "WXPAY_MCH_PRIVATE_KEY",
      "WXPAY_MCH_CERT_SERIAL",
      "WXPAY_API_V3_KEY",
      "WXPAY_PUBLIC_KEY and WXPAY_PUBLIC_KEY_ID (or WXPAY_PLATFORM_CERT_PATHS)",
    ])
      expect(onlyMchid).toContain(name);
    expect(missingOf({ ...wxpay, WXPAY_PUBLIC_KEY: "" })).toContain("WXPAY_PUBLIC_KEY");
    const certificates = { ...wxpay, WXPAY_PUBLIC_KEY: "", WXPAY_PUBLIC_KEY_ID: "" };
    expect(missingOf({ ...certificates, WXPAY_PLATFORM_CERT_PATHS: "/etc/wxpay/cert.pem" })).toBe(
      "",
    );
    expect(() => parseEnv({ ...live, ...wxpay, WXPAY_API_V3_KEY: "short" })).toThrow(
      /WXPAY_API_V3_KEY/,
    );
  });

  it("come from the environment, with the public key under its id", () => {
    const settings = wxpaySettings();
    expect(settings).toMatchObject({
      sandbox: false,
      mchid: "1900000001",
      appid: "wx-live",
      apiBase: "https://api.mch.weixin.qq.com",
      notifyUrl: "https://zhizu.example/api/payment/wx/notify",
      publicKeyId: "PUB_KEY_ID_0119000000012026",
    });
    expect([...(settings?.platformKeys.keys() ?? [])]).toEqual(["PUB_KEY_ID_0119000000012026"]);
  });

  it("leave no sandbox routes or pages", async () => {
    for (const handler of [gateway, cashier]) {
      const response = await handler(
        buildRequest({ method: "POST", path: "/api/sandbox/wxpay/cashier", json: {} }),
      );
      expect(response.status).toBe(404);
    }
    await expect(
      SandboxWxpayCashierPage({ searchParams: Promise.resolve({ package: "prepay_id=wx1" }) }),
    ).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
  });
});
