import { describe, expect, it } from "vitest";
import { clientIp, rateLimiter } from "@/lib/api/rate-limit";

describe("rateLimiter", () => {
  it("allows `limit` requests per key and window, then status 10 until the window ends", () => {
    const limiter = rateLimiter({ limit: 2, windowMs: 1000 });
    limiter.check("a", 0);
    limiter.check("a", 10);
    expect(() => limiter.check("a", 20)).toThrow(expect.objectContaining({ status: 10 }));
    limiter.check("b", 20);
    limiter.check("a", 1000);
  });
});

describe("clientIp", () => {
  const request = (headers: Record<string, string>) => new Request("http://x/", { headers });

  it("prefers X-Real-IP, then the proxy-added last X-Forwarded-For entry", () => {
    expect(clientIp(request({ "x-real-ip": "203.0.113.1", "x-forwarded-for": "1.1.1.1" }))).toBe(
      "203.0.113.1",
    );
    expect(clientIp(request({ "x-forwarded-for": "6.6.6.6, 203.0.113.2" }))).toBe("203.0.113.2");
    expect(clientIp(request({}))).toBe("unknown");
  });
});
