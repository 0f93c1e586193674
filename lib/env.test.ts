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
      "AMAP_WEB_KEY",
    ]) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain("WECHAT_APP_ID,");
  });

  it("live Alipay needs its public key, or all three certificates once one is given", () => {
    const live = {
      APP_MODE: "live",
      APP_URL: "https://zhizu.example",
      AUTH_SECRET: "a-session-secret-of-32-characters",
      DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
      WECHAT_APP_ID: "wx",
      AMAP_WEB_KEY: "amap-test-key",
      WECHAT_APP_SECRET: "wx-secret",
      ALIPAY_APP_ID: "2021000000000001",
      ALIPAY_PRIVATE_KEY: "private",
    };
    expect(parseEnv({ ...live, ALIPAY_PUBLIC_KEY: "public" }).APP_MODE).toBe("live");
    const certificates = {
      ALIPAY_APP_CERT_PATH: "/certs/app.crt",
      ALIPAY_PUBLIC_CERT_PATH: "/certs/alipay.crt",
      ALIPAY_ROOT_CERT_PATH: "/certs/root.crt",
    };
    expect(parseEnv({ ...live, ...certificates }).APP_MODE).toBe("live");
    expect(() => parseEnv(live)).toThrow(/ALIPAY_PUBLIC_KEY/);
    expect(() =>
      parseEnv({ ...live, ALIPAY_PUBLIC_KEY: "public", ALIPAY_PUBLIC_CERT_PATH: "/certs/a.crt" }),
    ).toThrow(/missing: ALIPAY_APP_CERT_PATH, ALIPAY_ROOT_CERT_PATH$/);
  });

  it("refuses a short session secret or an encryption key that is not 32 base64 bytes", () => {
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET: at least 32/);
    for (const key of ["key", Buffer.alloc(16).toString("base64"), "é".repeat(44)]) {
      expect(() => parseEnv({ DATA_ENCRYPTION_KEY: key })).toThrow(
        /DATA_ENCRYPTION_KEY: 32 random/,
      );
    }
    const key = Buffer.alloc(32, 3).toString("base64");
    expect(parseEnv({ DATA_ENCRYPTION_KEY: key }).DATA_ENCRYPTION_KEY).toBe(key);
  });

  it("checks only values while building, so one build serves both modes", () => {
    expect(parseEnv({ APP_MODE: "live" }, { requireLiveSettings: false }).APP_MODE).toBe("live");
  });
});

describe("notification and SMS settings", () => {
  it("parses WECHAT_TEMPLATES and refuses bad JSON or a personal field", () => {
    const templates = { viewing_paid: { template_id: "T1", fields: { thing1: "house_title" } } };
    expect(parseEnv({ WECHAT_TEMPLATES: JSON.stringify(templates) }).WECHAT_TEMPLATES).toEqual(
      templates,
    );
    expect(() => parseEnv({ WECHAT_TEMPLATES: "{nope" })).toThrow(
      /WECHAT_TEMPLATES: not valid JSON/,
    );
    const personal = { k: { template_id: "T1", fields: { thing1: "tenant_tel" } } };
    expect(() => parseEnv({ WECHAT_TEMPLATES: JSON.stringify(personal) })).toThrow(
      /WECHAT_TEMPLATES.*personal data/,
    );
  });

  it("needs every Aliyun SMS setting in live mode once one is set", () => {
    const live = {
      APP_MODE: "live",
      APP_URL: "https://zhizu.example",
      AUTH_SECRET: "x".repeat(32),
      DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
      WECHAT_APP_ID: "wx1",
      AMAP_WEB_KEY: "amap-test-key",
      WECHAT_APP_SECRET: "s",
      ALIPAY_APP_ID: "a",
      ALIPAY_PRIVATE_KEY: "k",
      ALIPAY_PUBLIC_KEY: "p",
    };
    expect(() => parseEnv(live)).not.toThrow();
    expect(() => parseEnv({ ...live, ALIYUN_SMS_ACCESS_KEY_ID: "id" })).toThrow(
      /ALIYUN_SMS_ACCESS_KEY_SECRET, ALIYUN_SMS_SIGN_NAME, ALIYUN_SMS_TEMPLATE_CODE/,
    );
  });
});

describe("parseEnv: the database", () => {
  it("accepts the three database modes and rejects other addresses", () => {
    expect(parseEnv({}).DATABASE_URL).toBeUndefined();
    expect(parseEnv({ DATABASE_URL: "file:/srv/zhizu.db" }).DATABASE_URL).toBe(
      "file:/srv/zhizu.db",
    );
    const blob = { BLOB_READ_WRITE_TOKEN: "vercel_blob_rw_x" };
    expect(parseEnv({ DATABASE_URL: "libsql://zhizu.turso.io", ...blob }).DATABASE_URL).toBe(
      "libsql://zhizu.turso.io",
    );
    expect(
      parseEnv({
        DATABASE_URL: "file:/srv/replica.db",
        DATABASE_SYNC_URL: "libsql://zhizu.turso.io",
        ...blob,
      }).DATABASE_SYNC_URL,
    ).toBe("libsql://zhizu.turso.io");
    expect(() => parseEnv({ DATABASE_URL: "postgres://db" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ DATABASE_DRIVER: "mysql" })).toThrow(/DATABASE_DRIVER/);
  });

  it("needs a replica's local file for DATABASE_SYNC_URL", () => {
    expect(() =>
      parseEnv({ DATABASE_SYNC_URL: "libsql://zhizu.turso.io", BLOB_READ_WRITE_TOKEN: "x" }),
    ).toThrow(/DATABASE_URL=file:/);
  });

  it("refuses local disk storage with a database several servers share", () => {
    expect(() => parseEnv({ DATABASE_URL: "https://sqld.internal:8080" })).toThrow(
      /BLOB_READ_WRITE_TOKEN/,
    );
    // A build only checks values: one build can be started in either setup.
    expect(
      parseEnv({ DATABASE_URL: "https://sqld.internal:8080" }, { requireLiveSettings: false })
        .DATABASE_URL,
    ).toBe("https://sqld.internal:8080");
  });
});
