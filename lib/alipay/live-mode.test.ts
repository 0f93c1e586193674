import { describe, expect, it } from "vitest";
import { POST as authorize } from "@/app/api/sandbox/alipay/authorize/route";
import { POST as checkout } from "@/app/api/sandbox/alipay/checkout/route";
import { GET as gateway } from "@/app/api/sandbox/alipay/gateway.do/route";
import SandboxAuthorizePage from "@/app/sandbox/alipay/authorize/page";
import SandboxCheckoutPage from "@/app/sandbox/alipay/checkout/page";
import { db } from "@/db";
import { sandboxAlipayTrades } from "@/db/schema";
import { alipaySdk, alipaySettings } from "@/lib/alipay/client";
import { privateKeyType } from "@/lib/alipay/keys";
import { buildRequest } from "@/tests/helpers";
import { liveEnv, rsaKeys, withEnv } from "@/tests/live-mode";

// Live mode: the same code with real configuration; the sandbox does not exist.

const { privateKey, publicKey } = rsaKeys("pkcs1");
withEnv(
  liveEnv(
    { privateKey, publicKey },
    { ALIPAY_GATEWAY: "https://openapi-sandbox.dl.alipaydev.com/gateway.do" },
  ),
);

describe("live mode", () => {
  it("has no sandbox routes", async () => {
    for (const handler of [gateway, checkout, authorize]) {
      const response = await handler(
        buildRequest({ method: "POST", path: "/api/sandbox/alipay/gateway.do", form: { a: "1" } }),
      );
      expect(response.status).toBe(404);
    }
  });

  it("has no sandbox pages, even for a trade left from sandbox days", async () => {
    await db().insert(sandboxAlipayTrades).values({
      ticket: "left-over",
      appId: "9021000000000001",
      outTradeNo: "VR1",
      tradeNo: "2026112822001400000000000001",
      subject: "看房信息费",
      totalAmount: "10.00",
    });
    const notFound = { digest: "NEXT_HTTP_ERROR_FALLBACK;404" };
    await expect(
      SandboxCheckoutPage({ searchParams: Promise.resolve({ ticket: "left-over" }) }),
    ).rejects.toMatchObject(notFound);
    await expect(
      SandboxAuthorizePage({ searchParams: Promise.resolve({ app_id: "2021004100000001" }) }),
    ).rejects.toMatchObject(notFound);
  });

  it("uses the configured gateway, app id and keys", () => {
    const settings = alipaySettings();
    expect(settings).toMatchObject({
      sandbox: false,
      appId: "2021004100000001",
      sellerId: undefined,
      notifyUrl: "https://zhizu.example/api/payment/ali/notify",
      authUrl: "https://openauth.alipay.com/oauth2/publicAppAuthorize.htm",
    });
    const url = new URL(
      alipaySdk().pageExecute("alipay.trade.wap.pay", "GET", {
        bizContent: { out_trade_no: "VR1", total_amount: "10.00", subject: "看房信息费" },
      }),
    );
    expect(url.origin).toBe("https://openapi-sandbox.dl.alipaydev.com");
    expect(url.searchParams.get("app_id")).toBe("2021004100000001");
  });
});

describe("private key formats", () => {
  it("accepts PKCS1 and PKCS8, with or without PEM armour", () => {
    const pkcs8 = rsaKeys("pkcs8").privateKey;
    const bare = (pem: string) => pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
    expect(privateKeyType(privateKey)).toBe("PKCS1");
    expect(privateKeyType(pkcs8)).toBe("PKCS8");
    expect(privateKeyType(bare(privateKey))).toBe("PKCS1");
    expect(privateKeyType(bare(pkcs8))).toBe("PKCS8");
  });
});
