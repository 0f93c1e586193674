import fs from "node:fs";
import path from "node:path";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { LEGACY_PATH_HEADER } from "@/lib/api/route";
import { config, proxy } from "@/proxy";

// API routes that have no legacy path: next-auth's own, the sandbox stand-ins (their pages
// live at /sandbox/...), the admin API (its pages live at /admin/...) and the readiness probe.
const API_ONLY = /^(auth|sandbox|admin|health)(\/|$)/;

function apiRoutes(dir = "app/api", prefix = ""): string[] {
  const routes: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const next = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) routes.push(...apiRoutes(path.join(dir, entry.name), next));
    else if (entry.name === "route.ts") routes.push(prefix);
  }
  return routes.sort();
}

const matches = (url: string) => unstable_doesMiddlewareMatch({ config, url });

describe("proxy: legacy paths", () => {
  const legacy = apiRoutes()
    .filter((route) => !API_ONLY.test(route))
    .map((route) => `/${route.replace("[...key]", "public/a.jpg")}`);

  it("serves every API endpoint at its legacy path too", () => {
    expect(legacy).toContain("/wx_fetch_userinfo");
    expect(legacy.filter((route) => !matches(route))).toEqual([]);
  });

  it("accepts GET and POST on every endpoint, as the legacy service did", async () => {
    // Exceptions: files are read with GET; Alipay posts its notifies.
    const getOnly = ["/file/public/a.jpg"];
    const postOnly = ["/payment/ali/notify"];
    for (const route of legacy) {
      const dir = route.startsWith("/file/") ? "file/[...key]" : route.slice(1);
      const handlers = await import(/* @vite-ignore */ `@/app/api/${dir}/route`);
      expect(typeof handlers.GET, route).toBe(postOnly.includes(route) ? "undefined" : "function");
      expect(typeof handlers.POST, route).toBe(getOnly.includes(route) ? "undefined" : "function");
    }
  });

  it("rewrites a legacy path to /api with the marker header that makes it answer HTTP 200", () => {
    for (const route of legacy) {
      const response = proxy(new NextRequest(`http://localhost:3000${route}?a=1`));
      const target = new URL(response.headers.get("x-middleware-rewrite") ?? "");
      expect(target.pathname).toBe(`/api${route}`);
      expect(target.search).toBe("?a=1");
      expect(response.headers.get(`x-middleware-request-${LEGACY_PATH_HEADER}`)).toBe("1");
    }
    const notify = proxy(
      new NextRequest("http://localhost:3000/payment/ali/nontify/pre_order_payment"),
    );
    expect(new URL(notify.headers.get("x-middleware-rewrite") ?? "").pathname).toBe(
      "/api/payment/ali/notify",
    );
  });

  it("leaves pages, /api itself and Next's assets alone", () => {
    for (const url of [
      "/",
      "/login",
      "/me/houses",
      "/houses/1",
      "/admin/verifications",
      "/sandbox/alipay/checkout",
      "/invite",
      "/pay/return",
      "/api/house_create",
      "/_next/static/chunks/main.js",
    ]) {
      expect(matches(url), url).toBe(false);
    }
  });
});
