import { describe, expect, it } from "vitest";
import {
  CLIENT_ADDRESS_HEADER,
  clientAddress,
  trustedClientAddress,
} from "@/lib/api/client-address";

describe("trustedClientAddress", () => {
  it("with no trusted proxy (default) is the socket peer, whatever X-Forwarded-For says", () => {
    expect(trustedClientAddress("203.0.113.9", "6.6.6.6", 0)).toBe("203.0.113.9");
    expect(trustedClientAddress("::ffff:203.0.113.9", undefined, 0)).toBe("203.0.113.9");
    expect(trustedClientAddress("2001:DB8::1", "6.6.6.6", 0)).toBe("2001:db8::1");
  });

  it("behind N trusted proxies takes the Nth entry from the right, never one further left", () => {
    // nginx (10.0.0.1) appended the address it saw; the client wrote 6.6.6.6 itself.
    expect(trustedClientAddress("10.0.0.1", "6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(trustedClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.1", 2)).toBe(
      "203.0.113.7",
    );
    expect(trustedClientAddress("10.0.0.1", ["6.6.6.6", "203.0.113.7"], 1)).toBe("203.0.113.7");
  });

  it("falls back to the nearest trusted address when an entry is missing or not an address", () => {
    expect(trustedClientAddress("10.0.0.1", undefined, 1)).toBe("10.0.0.1");
    expect(trustedClientAddress("10.0.0.1", "203.0.113.7", 3)).toBe("203.0.113.7");
    expect(trustedClientAddress("10.0.0.1", "not-an-ip", 1)).toBe("10.0.0.1");
    expect(trustedClientAddress(undefined, undefined, 0)).toBe("unknown");
  });
});

describe("clientAddress", () => {
  const request = (headers: Record<string, string>) => new Request("http://x/", { headers });

  it("reads the custom server's header and ignores X-Forwarded-For and X-Real-IP", () => {
    expect(clientAddress(request({ [CLIENT_ADDRESS_HEADER]: "203.0.113.1" }))).toBe("203.0.113.1");
    expect(clientAddress(request({ "x-real-ip": "1.1.1.1", "x-forwarded-for": "2.2.2.2" }))).toBe(
      "unknown",
    );
  });
});
