import {
  getRewrittenUrl,
  unstable_getResponseFromNextConfig,
} from "next/experimental/testing/server";
import { expect, it } from "vitest";
import nextConfig from "@/next.config";

// Alipay keeps delivering to the notify_url of trades created by the legacy service, typo included.
// (Its own file: importing next/server patches console in a way the route tests' logging trips on.)
it("the legacy notify path (with its nontify typo) reaches the notify route", async () => {
  const legacyUrl = "https://zhizu.example/payment/ali/nontify/pre_order_payment";
  const rewritten = await unstable_getResponseFromNextConfig({
    url: legacyUrl,
    nextConfig: nextConfig("phase-test"),
  });
  expect(getRewrittenUrl(rewritten)).toBe("https://zhizu.example/api/payment/ali/notify");
});
