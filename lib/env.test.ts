import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("runs on defaults alone in sandbox mode", () => {
    const settings = parseEnv({});
    expect(settings.APP_MODE).toBe("sandbox");
    expect(settings.PORT).toBe(3000);
    expect(settings.APP_URL).toBe("http://localhost:3000");
    expect(settings.DATA_DIR).toMatch(/\/data$/);
    expect(parseEnv({ PORT: "8080" }).APP_URL).toBe("http://localhost:8080");
  });

  it("fails fast on a bad value, naming the variable", () => {
    expect(() => parseEnv({ APP_MODE: "prod" })).toThrow(/APP_MODE/);
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ APP_URL: "not a url" })).toThrow(/APP_URL/);
  });

  it("refuses live mode without its settings and names every missing one", () => {
    let error: unknown;
    try {
      parseEnv({ APP_MODE: "live", WECHAT_APP_ID: "wx123" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    for (const name of [
      "AUTH_SECRET",
      "DATA_ENCRYPTION_KEY",
      "WECHAT_APP_SECRET",
      "ALIPAY_APP_ID",
      "ALIPAY_PUBLIC_KEY",
      "APP_URL",
    ]) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain("WECHAT_APP_ID,");
  });

  it("checks only values while building, so one build serves both modes", () => {
    expect(parseEnv({ APP_MODE: "live" }, { requireLiveSettings: false }).APP_MODE).toBe("live");
  });
});
