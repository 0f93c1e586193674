import {
  unstable_doesMiddlewareMatch as doesProxyMatch,
  getRewrittenUrl,
} from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { expect, it } from "vitest";
import { config, proxy } from "@/proxy";

// Alipay keeps delivering to the notify_url of trades created by the legacy service, typo included.
// (Its own file: importing next/server patches console in a way the route tests' logging trips on.)
it("the legacy notify path (with its nontify typo) reaches the notify route", () => {
  const legacyUrl = "https://zhizu.example/payment/ali/nontify/pre_order_payment";
  expect(doesProxyMatch({ config, url: legacyUrl })).toBe(true);
  const rewritten = proxy(new NextRequest(legacyUrl, { method: "POST" }));
  expect(getRewrittenUrl(rewritten)).toBe("https://zhizu.example/api/payment/ali/notify");
});
