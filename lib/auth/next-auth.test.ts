import { describe, expect, it } from "vitest";
import { authConfig, authProviders, signInMethods } from "@/lib/auth/config";
import { parseEnv } from "@/lib/env";

const live = parseEnv(
  {
    APP_MODE: "live",
    APP_URL: "https://zhizu.example",
    WECHAT_APP_ID: "wx-oa",
    WECHAT_APP_SECRET: "oa-secret",
  },
  { requireLiveSettings: false },
);
const sandbox = parseEnv({ APP_MODE: "sandbox" });

// Auth.js merges a provider's `options` (where Credentials keeps the custom id) over its defaults.
const ids = (providers: ReturnType<typeof authProviders>) =>
  providers.map((entry) => {
    const provider = (typeof entry === "function" ? entry() : entry) as {
      id: string;
      options?: { id?: string };
    };
    return provider.options?.id ?? provider.id;
  });

describe("sign-in methods", () => {
  it("offers the development sign-in in sandbox mode only", () => {
    expect(ids(authProviders(sandbox))).toEqual(["dev"]);
    expect(signInMethods(sandbox).dev).toBe(true);
    expect(ids(authProviders(live))).not.toContain("dev");
    expect(signInMethods(live).dev).toBe(false);
  });

  it("enables each WeChat provider when its app id and secret are configured", () => {
    expect(ids(authProviders(live))).toEqual(["wechat"]);
    const both = parseEnv(
      {
        APP_MODE: "live",
        APP_URL: "https://zhizu.example",
        WECHAT_APP_ID: "wx-oa",
        WECHAT_APP_SECRET: "oa-secret",
        WECHAT_WEB_APP_ID: "wx-web",
        WECHAT_WEB_APP_SECRET: "web-secret",
      },
      { requireLiveSettings: false },
    );
    expect(ids(authProviders(both))).toEqual(["wechat", "wechat-qr"]);
  });
});

describe("sign-in redirects", () => {
  const redirect = authConfig(sandbox).callbacks?.redirect;
  const baseUrl = "http://localhost:3000";
  it("stay on the site, as paths", async () => {
    expect(await redirect?.({ url: "/me", baseUrl })).toBe("/me");
    expect(await redirect?.({ url: "http://localhost:3000/me?x=1", baseUrl })).toBe("/me?x=1");
    expect(await redirect?.({ url: "https://evil.example/me", baseUrl })).toBe("/");
    expect(await redirect?.({ url: "//evil.example/me", baseUrl })).toBe("/");
  });
});
