import { describe, expect, it } from "vitest";
import { isAllowedOrigin, isSameOriginPost, safeLocalPath } from "@/lib/urls";

// APP_URL is http://localhost:3000 in tests (tests/setup.ts).

describe("safeLocalPath", () => {
  it("keeps paths on our origin, with their query and fragment", () => {
    expect(safeLocalPath("/me/houses?step=2#photos", "/me")).toBe("/me/houses?step=2#photos");
    expect(safeLocalPath("http://localhost:3000/viewings", "/me")).toBe("/viewings");
    expect(safeLocalPath("/houses?name=%E6%88%90%E9%83%BD", "/me")).toBe(
      "/houses?name=%E6%88%90%E9%83%BD",
    );
  });

  it("sends every way of naming another host to the default page", () => {
    const hostile = [
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/%5Cevil.example",
      "/%5cevil.example",
      "/\t/evil.example",
      "/%09/evil.example",
      "\t//evil.example",
      "/\n/evil.example",
      "/%0D%0ASet-Cookie:%20x=1",
      "/\r\nSet-Cookie: x=1",
      "/%00",
      "/.//evil.example",
      "/..//evil.example",
      "https://evil.example/me",
      "http://localhost:3000@evil.example/",
      "http://user:pass@localhost:3000/me",
      "https:evil.example",
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "/%E0%A4%A",
      "",
    ];
    for (const target of hostile) expect(safeLocalPath(target, "/me"), target).toBe("/me");
    for (const target of [undefined, null, 42, ["/me"]])
      expect(safeLocalPath(target, "/")).toBe("/");
  });
});

describe("isAllowedOrigin", () => {
  const origins = ["http://localhost:3000", "https://partner.example"];
  it("accepts absolute http(s) URLs on the listed origins only", () => {
    expect(isAllowedOrigin("https://partner.example/pay/done?id=1", origins)).toBe(true);
    expect(isAllowedOrigin("http://localhost:3000/pay/return", origins)).toBe(true);
    for (const target of [
      "https://evil.example/",
      "https://partner.example.evil.example/",
      "https://user@partner.example/",
      "/pay/return",
      "https://partner.example/\r\nx",
      "https://partner.example\\@evil.example/",
      "javascript://partner.example/%0Aalert(1)",
    ]) {
      expect(isAllowedOrigin(target, origins), target).toBe(false);
    }
  });
});

describe("isSameOriginPost", () => {
  const headers = (values: Record<string, string>) => new Headers(values);
  it("accepts our own origin and requests without Origin, as Next does", () => {
    expect(
      isSameOriginPost(headers({ host: "127.0.0.1:3600", origin: "http://127.0.0.1:3600" })),
    ).toBe(true);
    expect(
      isSameOriginPost(headers({ host: "internal:80", origin: "http://localhost:3000" })),
    ).toBe(true);
    expect(isSameOriginPost(headers({ host: "127.0.0.1:3600" }))).toBe(true);
  });

  it("refuses other origins, Origin: null and an unparsable Origin", () => {
    for (const origin of ["https://evil.example", "null", "not a url"]) {
      expect(isSameOriginPost(headers({ host: "localhost:3000", origin })), origin).toBe(false);
    }
  });
});
