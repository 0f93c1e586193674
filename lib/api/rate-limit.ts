import { ApiError } from "@/lib/api/errors";

const MAX_TRACKED_KEYS = 10_000;

/**
 * A fixed-window, in-memory request counter per key (one process; enough to blunt login
 * guessing). Exceeding `limit` requests within `windowMs` is status 10 / HTTP 429.
 */
export function rateLimiter(options: { limit: number; windowMs: number }) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    check(key: string, now = Date.now()): void {
      if (windows.size >= MAX_TRACKED_KEYS) {
        for (const [tracked, window] of windows) if (window.resetAt <= now) windows.delete(tracked);
      }
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + options.windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count > options.limit) throw ApiError.rateLimited();
    },
  };
}

/**
 * The client address. X-Real-IP is set by the reverse proxy; in X-Forwarded-For only the last
 * entry was added by our side (earlier ones are whatever the client sent, so easy to rotate).
 */
export function clientIp(request: Request): string {
  const realIp = request.headers.get("x-real-ip")?.trim();
  const forwarded = request.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return realIp || forwarded || "unknown";
}
