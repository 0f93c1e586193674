import "server-only";
import { decode, encode } from "next-auth/jwt";
import { env } from "@/lib/env";
import { authSecret } from "@/lib/secrets";

// The browser session next-auth issues (an encrypted JWT in one cookie). Kept free of Next-only
// APIs so route handlers and tests can read it from a plain Request.

/** Fixed name, so every reader agrees; it also salts the JWT encryption key. */
export const SESSION_COOKIE = "zhizu.session-token";
/** WeChat's web view may drop cookies without an expiry, so the cookie always carries one. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export interface SessionClaims {
  /** Our users.id. */
  uid: number;
  role: "user" | "admin";
  name?: string | null;
}

export function sessionCookieSecure(): boolean {
  return env().APP_URL.startsWith("https://");
}

export async function encodeSession(claims: SessionClaims): Promise<string> {
  return encode({
    token: { sub: String(claims.uid), ...claims },
    secret: authSecret(),
    salt: SESSION_COOKIE,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

/** The claims of a valid, unexpired session token; null for anything forged or stale. */
async function decodeSession(token: string): Promise<SessionClaims | null> {
  try {
    const payload = await decode({ token, secret: authSecret(), salt: SESSION_COOKIE });
    const uid = Number(payload?.uid);
    if (!Number.isInteger(uid) || uid <= 0) return null;
    return { uid, role: payload?.role === "admin" ? "admin" : "user", name: payload?.name };
  } catch {
    return null;
  }
}

function cookieValue(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) {
      // A malformed escape ("%", "%E0%A4%A") is a cookie we did not set: treat it as absent.
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * Cookies ride along on cross-site requests too (top-level GET navigations with SameSite=Lax,
 * and the API answers GET as well as POST), so a cookie only counts on requests the browser
 * marks as same-origin: Sec-Fetch-Site, or Origin/Referer on browsers that lack it.
 */
function isSameOriginRequest(request: Request): boolean {
  const allowed = new Set([new URL(request.url).origin, new URL(env().APP_URL).origin]);
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const source = request.headers.get("origin") ?? request.headers.get("referer");
  if (!source) return false;
  try {
    return allowed.has(new URL(source).origin);
  } catch {
    return false;
  }
}

/** The session sent with a same-origin request, if any. */
export async function sessionFromRequest(request: Request): Promise<SessionClaims | null> {
  const token = cookieValue(request, SESSION_COOKIE);
  if (!token || !isSameOriginRequest(request)) return null;
  return decodeSession(token);
}

/**
 * The session cookie on a top-level navigation coming back from a third party (WeChat's
 * authorize page), which browsers mark cross-site, so `sessionFromRequest` ignores it. Only for
 * checking that the browser finishing a flow belongs to the user who started it; the flow's
 * single-use state is what authorises the change.
 */
export async function sessionReturningFromThirdParty(
  request: Request,
): Promise<SessionClaims | null> {
  const token = cookieValue(request, SESSION_COOKIE);
  return token ? decodeSession(token) : null;
}
