// Server-side, but without the "server-only" marker: next.config.ts loads it with plain Node.
import path from "node:path";
import { z } from "zod";

// The only module that reads process.env. Parsed once per process; a bad value fails fast
// with the variable's name, and live mode names every missing third-party setting.

const optional = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

// Payload keys that would put a name, phone or ID number into a WeChat template message.
const PERSONAL_KEYS =
  /(^|_)(name|real_name|full_name|certname|tel|phone|mobile|id_number|idcard)$/i;

/**
 * WECHAT_TEMPLATES: `{"<kind>": {"template_id": "...", "fields": {"<template field>": "<payload
 * key>"}}}`, e.g. `{"viewing_paid": {"template_id": "Abc…", "fields": {"thing1": "house_title",
 * "time2": "paid_at"}}}`. A kind without an entry is delivered to the inbox only.
 */
export const templatesSchema = z.record(
  z.string().min(1),
  z.object({
    template_id: z.string().min(1),
    fields: z.record(
      z.string().min(1),
      z
        .string()
        .min(1)
        .refine((key) => !PERSONAL_KEYS.test(key), "personal data may not go into a template"),
    ),
  }),
);

export type TemplateConfig = z.infer<typeof templatesSchema>;

const envSchema = z.object({
  APP_MODE: z.enum(["sandbox", "live"]).default("sandbox"),
  PORT: positiveInt(3000),
  APP_URL: z.url().optional(),
  DATA_DIR: z.string().trim().min(1).default("./data"),
  // The database (README "Database modes"): unset or `file:` is the embedded SQLite file (under
  // DATA_DIR when unset); `libsql://`, `http(s)://` or `ws(s)://` is a libSQL server.
  DATABASE_URL: optional.refine(
    (value) => !value || /^(file|libsql|https?|wss?):/.test(value),
    "a file:, libsql://, http(s):// or ws(s):// URL",
  ),
  DATABASE_AUTH_TOKEN: optional,
  // A libSQL primary to replicate: DATABASE_URL is then the replica's local file.
  DATABASE_SYNC_URL: optional.refine(
    (value) => !value || /^(libsql|https?|wss?):/.test(value),
    "a libsql:// or http(s):// URL",
  ),
  DATABASE_SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  // `libsql` opens a file: database with @libsql/client instead of better-sqlite3 (the second
  // test run); a server URL always uses @libsql/client.
  DATABASE_DRIVER: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.enum(["better-sqlite3", "libsql"]).optional(),
  ),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  // Reverse proxies in front of `npm start` whose X-Forwarded-For entries are trusted (0 = none).
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // Server processes `npm start` runs (default: one per CPU).
  WEB_CONCURRENCY: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number().int().positive().max(64).optional(),
  ),

  // A short session secret would let anyone forge sessions (the legacy AES key was public).
  AUTH_SECRET: optional.refine((value) => !value || value.length >= 32, "at least 32 characters"),
  DATA_ENCRYPTION_KEY: optional.refine(
    (value) =>
      !value ||
      (/^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, "base64").length === 32),
    "32 random bytes, base64-encoded (openssl rand -base64 32)",
  ),
  INTERNAL_API_KEY: optional,

  WECHAT_APP_ID: optional,
  WECHAT_APP_SECRET: optional,
  WECHAT_WEB_APP_ID: optional,
  WECHAT_WEB_APP_SECRET: optional,
  WECHAT_API_BASE: z.url().default("https://api.weixin.qq.com"),
  WECHAT_OPEN_BASE: z.url().default("https://open.weixin.qq.com"),
  /** Official Account template messages per notification kind (JSON, see lib/notifications). */
  WECHAT_TEMPLATES: optional.transform((value, context) => {
    if (!value) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      context.addIssue({ code: "custom", message: "not valid JSON" });
      return z.NEVER;
    }
    const parsed = templatesSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues)
      context.addIssue({ code: "custom", message: `${issue.path.join(".")}: ${issue.message}` });
    return z.NEVER;
  }),

  // Aliyun SMS (live mode): verification codes. Once one is set, all four are required.
  ALIYUN_SMS_ACCESS_KEY_ID: optional,
  ALIYUN_SMS_ACCESS_KEY_SECRET: optional,
  ALIYUN_SMS_SIGN_NAME: optional,
  ALIYUN_SMS_TEMPLATE_CODE: optional,
  ALIYUN_SMS_ENDPOINT: z.url().default("https://dysmsapi.aliyuncs.com"),

  ALIPAY_APP_ID: optional,
  ALIPAY_PRIVATE_KEY: optional,
  ALIPAY_PUBLIC_KEY: optional,
  ALIPAY_APP_CERT_PATH: optional,
  ALIPAY_PUBLIC_CERT_PATH: optional,
  ALIPAY_ROOT_CERT_PATH: optional,
  ALIPAY_GATEWAY: z.url().default("https://openapi.alipay.com/gateway.do"),
  ALIPAY_AUTH_URL: z.url().default("https://openauth.alipay.com/oauth2/publicAppAuthorize.htm"),
  ALIPAY_AUTH_SCOPE: z.string().trim().default("auth_user"),
  ALIPAY_SELLER_ID: optional,
  ALIPAY_RETURN_ORIGINS: optional,
  VIEWING_FEE_CENTS: positiveInt(1000),
  // Earnings: commissions on settled viewing fees, paid out (提现) to the verified Alipay account.
  LANDLORD_SHARE_PERCENT: z.coerce.number().int().min(0).max(100).default(50),
  INVITE_REWARD_PERCENT: z.coerce.number().int().min(0).max(100).default(10),
  PAYOUT_AUTO_LIMIT_CENTS: z.coerce.number().int().min(0).default(80_000),
  // Published listings an account of user type 1 (房东, a personal landlord) may have at once.
  MAX_PERSONAL_LISTINGS: positiveInt(5),

  // WeChat Pay API v3 (JSAPI). Live mode: all of them or none (then WeChat Pay is off).
  WXPAY_MCH_ID: optional,
  WXPAY_MCH_PRIVATE_KEY: optional,
  WXPAY_MCH_CERT_SERIAL: optional,
  WXPAY_API_V3_KEY: optional.refine(
    (value) => !value || Buffer.byteLength(value, "utf8") === 32,
    "the 32-character APIv3 key",
  ),
  WXPAY_PUBLIC_KEY: optional,
  WXPAY_PUBLIC_KEY_ID: optional.refine(
    (value) => !value || value.startsWith("PUB_KEY_ID_"),
    "starts with PUB_KEY_ID_",
  ),
  WXPAY_PLATFORM_CERT_PATHS: optional,
  WXPAY_API_BASE: z.url().default("https://api.mch.weixin.qq.com"),

  BLOB_READ_WRITE_TOKEN: optional,
  BLOB_PRIVATE_READ_WRITE_TOKEN: optional,
  /** AMap web service key: the editor's 小区 search in live mode (place text search). */
  AMAP_WEB_KEY: optional,
  MAP_TILE_URL: z
    .string()
    .trim()
    .default(
      "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
    ),
});

export type Env = z.infer<typeof envSchema> & { APP_URL: string; DATA_DIR: string };

const liveRequired = [
  "AUTH_SECRET",
  "DATA_ENCRYPTION_KEY",
  "WECHAT_APP_ID",
  "WECHAT_APP_SECRET",
  "ALIPAY_APP_ID",
  "ALIPAY_PRIVATE_KEY",
  "AMAP_WEB_KEY",
] as const;

export class EnvError extends Error {}

const wxpayRequired = [
  "WXPAY_MCH_ID",
  "WXPAY_MCH_PRIVATE_KEY",
  "WXPAY_MCH_CERT_SERIAL",
  "WXPAY_API_V3_KEY",
] as const;

/**
 * WeChat Pay is all or none: once any WXPAY_* setting is given, the merchant settings and a way to
 * verify WeChat Pay (public key and its id, or platform certificates) are required.
 */
function missingWxpaySettings(values: z.infer<typeof envSchema>): string[] {
  const verification = [
    "WXPAY_PUBLIC_KEY",
    "WXPAY_PUBLIC_KEY_ID",
    "WXPAY_PLATFORM_CERT_PATHS",
  ] as const;
  if (![...wxpayRequired, ...verification].some((name) => values[name])) return [];
  const missing: string[] = wxpayRequired.filter((name) => !values[name]);
  if (values.WXPAY_PUBLIC_KEY || values.WXPAY_PUBLIC_KEY_ID) {
    if (!values.WXPAY_PUBLIC_KEY) missing.push("WXPAY_PUBLIC_KEY");
    if (!values.WXPAY_PUBLIC_KEY_ID) missing.push("WXPAY_PUBLIC_KEY_ID");
  } else if (!values.WXPAY_PLATFORM_CERT_PATHS) {
    missing.push("WXPAY_PUBLIC_KEY and WXPAY_PUBLIC_KEY_ID (or WXPAY_PLATFORM_CERT_PATHS)");
  }
  return missing;
}

/**
 * Parses and checks the environment. `requireLiveSettings: false` (used while building) checks
 * values only, so one build can be started in either mode.
 */
export function parseEnv(
  source: Record<string, string | undefined>,
  { requireLiveSettings = true } = {},
): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".")}: ${issue.message}`,
    );
    throw new EnvError(`Invalid environment: ${problems.join("; ")}`);
  }
  const values = parsed.data;
  if (values.LANDLORD_SHARE_PERCENT + values.INVITE_REWARD_PERCENT > 100)
    throw new EnvError(
      "Invalid environment: LANDLORD_SHARE_PERCENT + INVITE_REWARD_PERCENT must not exceed 100",
    );
  if (values.APP_MODE === "live" && requireLiveSettings) {
    const missing: string[] = liveRequired.filter((name) => !values[name]);
    // Alipay verification: public-key mode, or certificate mode once any certificate is given.
    const certificates = [
      "ALIPAY_APP_CERT_PATH",
      "ALIPAY_PUBLIC_CERT_PATH",
      "ALIPAY_ROOT_CERT_PATH",
    ] as const;
    if (certificates.some((name) => values[name])) {
      missing.push(...certificates.filter((name) => !values[name]));
    } else if (!values.ALIPAY_PUBLIC_KEY) {
      missing.push("ALIPAY_PUBLIC_KEY (or the three ALIPAY_*_CERT_PATH)");
    }
    missing.push(...missingWxpaySettings(values));
    const sms = [
      "ALIYUN_SMS_ACCESS_KEY_ID",
      "ALIYUN_SMS_ACCESS_KEY_SECRET",
      "ALIYUN_SMS_SIGN_NAME",
      "ALIYUN_SMS_TEMPLATE_CODE",
    ] as const;
    if (sms.some((name) => values[name])) missing.push(...sms.filter((name) => !values[name]));
    if (!values.APP_URL) missing.push("APP_URL");
    if (missing.length > 0) {
      throw new EnvError(`APP_MODE=live refuses to start; missing: ${missing.join(", ")}`);
    }
  }
  if (values.DATABASE_SYNC_URL && !values.DATABASE_URL?.startsWith("file:"))
    throw new EnvError(
      "Invalid environment: DATABASE_SYNC_URL needs DATABASE_URL=file:<the replica's local file>",
    );
  // Several application servers share a libSQL database, but not one another's disks: an upload
  // saved on one server's disk would be missing on the others.
  if (
    requireLiveSettings &&
    (values.DATABASE_SYNC_URL || isServerUrl(values.DATABASE_URL)) &&
    !values.BLOB_READ_WRITE_TOKEN
  )
    throw new EnvError(
      "A libSQL server database (DATABASE_URL or DATABASE_SYNC_URL) needs shared file storage: set BLOB_READ_WRITE_TOKEN (local disk storage is per server)",
    );
  return {
    ...values,
    APP_URL: (values.APP_URL ?? `http://localhost:${values.PORT}`).replace(/\/$/, ""),
    DATA_DIR: path.resolve(values.DATA_DIR),
  };
}

/** A libSQL server address rather than a local database file. */
export function isServerUrl(url: string | undefined): boolean {
  return url !== undefined && !url.startsWith("file:");
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function isSandbox(): boolean {
  return env().APP_MODE === "sandbox";
}
