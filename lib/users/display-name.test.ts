import { describe, expect, it } from "vitest";
import { displayName } from "./display-name";

describe("displayName", () => {
  it("prefers the nickname, then the WeChat nickname, and treats empty strings as unset", () => {
    expect(displayName("小王", "wx-王")).toBe("小王");
    expect(displayName(null, "wx-王")).toBe("wx-王");
    expect(displayName("", "wx-王")).toBe("wx-王");
    expect(displayName("", "")).toBeNull();
    expect(displayName(undefined, null)).toBeNull();
  });
});
