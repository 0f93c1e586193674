import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";
import { createUser } from "@/tests/helpers";
import { landlord, readyDraft } from "@/tests/houses-helpers";

const request = (url: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  new NextRequest(new URL(url, "http://localhost:3000"), init);

describe("proxy", () => {
  it("answers a cross-site post to a page (a forged server action) with 403", async () => {
    const forged = await proxy(
      request("/login", {
        method: "POST",
        headers: { host: "localhost:3000", origin: "https://evil.example", "next-action": "x" },
      }),
    );
    expect(forged.status).toBe(403);
    expect(await forged.text()).toBe("跨站请求已拒绝");
    const own = await proxy(
      request("/login", {
        method: "POST",
        headers: { host: "localhost:3000", origin: "http://localhost:3000" },
      }),
    );
    expect(own.status).toBe(200);
    expect(own.headers.get("x-middleware-next")).toBe("1");
  });

  it("rewrites a missing or unpublished listing's page to the 404 page", async () => {
    const { token } = await landlord();
    const unpublished = await readyDraft(token);
    const tenant = await createUser();
    for (const url of [
      "/houses/999999",
      `/houses/${unpublished}`,
      "/houses/abc/viewing",
      "/landlords/999999",
      `/landlords/${tenant.user.id}`,
      "/landlords/abc",
    ]) {
      const response = await proxy(request(url));
      expect(response.headers.get("x-middleware-rewrite"), url).toMatch(/\/_not-found$/);
    }
  });

  it("matches every page folder and no API or legacy path", () => {
    const pageFolders = fs
      .readdirSync(path.join(import.meta.dirname, "app"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== "api")
      .map((entry) => `/${entry.name}/:path*`);
    expect(new Set(config.matcher)).toEqual(new Set(["/", ...pageFolders]));
  });
});
