import fs from "node:fs";
import path from "node:path";
import {
  getRewrittenUrl,
  unstable_getResponseFromNextConfig,
} from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { isLegacyPath } from "@/lib/api/route";
import nextConfig from "@/next.config";

// API routes that have no legacy path: next-auth's own, the sandbox stand-ins (their pages
// live at /sandbox/...), the admin API (its pages live at /admin/...), the wallet API (new, not
// in the legacy service; its page is /wallet), the readiness probe, and the catch-all that
// answers unknown /api paths.
const API_ONLY =
  /^(auth|sandbox|admin|wallet|health|openapi(-admin)?\.json|\[\.\.\.unknown\])(\/|$)/;

function apiRoutes(dir = "app/api", prefix = ""): string[] {
  const routes: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const next = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) routes.push(...apiRoutes(path.join(dir, entry.name), next));
    else if (entry.name === "route.ts") routes.push(prefix);
  }
  return routes.sort();
}

const config = nextConfig("phase-test");

async function rewrittenPath(url: string): Promise<string | null> {
  const response = await unstable_getResponseFromNextConfig({
    url: `http://localhost:3000${url}`,
    nextConfig: config,
  });
  const target = getRewrittenUrl(response);
  return target ? new URL(target).pathname + new URL(target).search : null;
}

describe("legacy paths", () => {
  const legacy = apiRoutes()
    .filter((route) => !API_ONLY.test(route))
    .map((route) => `/${route.replace("[...key]", "public/a.jpg")}`);

  it("serve every API endpoint, query included, and are told apart from /api paths", async () => {
    expect(legacy).toContain("/wx_fetch_userinfo");
    const missing = [];
    for (const route of legacy) {
      if ((await rewrittenPath(`${route}?a=1`)) !== `/api${route}?a=1`) missing.push(route);
      expect(isLegacyPath(new Request(`http://localhost:3000${route}`))).toBe(true);
      expect(isLegacyPath(new Request(`http://localhost:3000/api${route}`))).toBe(false);
    }
    expect(missing).toEqual([]);
  });

  it("accept GET and POST on every endpoint, as the legacy service did", async () => {
    // Exceptions: files are read with GET; Alipay and WeChat Pay post their notifies.
    const getOnly = ["/file/public/a.jpg"];
    const postOnly = ["/payment/ali/notify", "/payment/wx/notify"];
    for (const route of legacy) {
      const dir = route.startsWith("/file/") ? "file/[...key]" : route.slice(1);
      const handlers = await import(/* @vite-ignore */ `@/app/api/${dir}/route`);
      expect(typeof handlers.GET, route).toBe(postOnly.includes(route) ? "undefined" : "function");
      expect(typeof handlers.POST, route).toBe(getOnly.includes(route) ? "undefined" : "function");
    }
  });

  it("leave pages, /api itself and Next's assets alone", async () => {
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
      expect(await rewrittenPath(url), url).toBeNull();
    }
  });
});
