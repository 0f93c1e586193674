import "server-only";
import { env } from "@/lib/env";

// Redirect targets taken from a request (callbackUrl, a form field, next-auth's redirect callback)
// are checked here, with the WHATWG URL parser browsers use, so no crafted value can send a user
// to another site. Browsers read "\" as "/" and drop TAB/CR/LF inside URLs, so "/\evil.example"
// and "/<TAB>/evil.example" both mean "//evil.example": such characters, raw or percent-encoded,
// are refused outright rather than interpreted.

// Control characters (C0 and DEL) and the backslash.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f\\]/;

function decodedOnce(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** True when the value, or its percent-decoded form, holds a backslash or a control character. */
function hasUnsafeCharacters(value: string): boolean {
  const decoded = decodedOnce(value);
  return decoded === null || UNSAFE_CHARACTERS.test(value) || UNSAFE_CHARACTERS.test(decoded);
}

function parse(value: string, base?: URL): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

/**
 * A path on APP_URL's origin (`/me/houses?step=2`), from a relative path or an absolute URL on
 * that origin; `fallback` for anything else: other origins, `//host`, `/\host`, control
 * characters, their encodings, or a value that is not text.
 */
export function safeLocalPath(target: unknown, fallback: string): string {
  if (typeof target !== "string" || target === "" || hasUnsafeCharacters(target)) return fallback;
  const base = new URL(env().APP_URL);
  const url = parse(target, base);
  if (!url || url.origin !== base.origin || url.username || url.password) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" normalises to "//evil.example": check what the parser made of it.
  if (!path.startsWith("/") || path.startsWith("//") || hasUnsafeCharacters(path)) return fallback;
  return path;
}

/**
 * True for an absolute http(s) URL, without credentials or unsafe characters, whose origin is one
 * of `origins` (for redirects that may leave the app, such as a payment's return_url).
 */
export function isAllowedOrigin(target: unknown, origins: Iterable<string>): boolean {
  if (typeof target !== "string" || hasUnsafeCharacters(target)) return false;
  const url = parse(target);
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return false;
  if (url.username || url.password) return false;
  return new Set(origins).has(url.origin);
}

/** The host names a browser may legitimately put in Origin: APP_URL's host. */
function appHost(): string {
  return new URL(env().APP_URL).host;
}

/**
 * The check Next.js applies to a server action before running it (Origin's host must equal
 * X-Forwarded-Host or Host, or be an allowed origin), done up front so that a cross-site post is
 * answered 403: Next answers it with a 500. No Origin passes, as in Next (not a browser).
 */
export function isSameOriginPost(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return true;
  const url = origin === "null" ? null : parse(origin);
  if (!url) return false;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  return url.host === host || url.host === appHost();
}
