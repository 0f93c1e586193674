import { describe, expect, it } from "vitest";
import { centsToYuan, yuanToCents } from "./money";

// Amounts cross the Alipay boundary as yuan strings and are integer cents everywhere else.
describe("money", () => {
  it("parses yuan strings into integer cents exactly, without floats", () => {
    expect(yuanToCents("10.00")).toBe(1000);
    expect(yuanToCents("10")).toBe(1000);
    expect(yuanToCents("0.1")).toBe(10);
    expect(yuanToCents("0.29")).toBe(29); // 0.29 * 100 is 28.999999999999996 in floats
    expect(yuanToCents("1234567.89")).toBe(123_456_789);
  });

  it("refuses anything that is not a plain amount with at most two decimals", () => {
    for (const value of ["", "10.001", "-1", "+1", "1e3", "01", " 1", "1.", ".5", "1,00", "NaN"])
      expect(yuanToCents(value), value).toBeNull();
  });

  it("formats cents as Alipay's yuan strings", () => {
    expect(centsToYuan(1000)).toBe("10.00");
    expect(centsToYuan(5)).toBe("0.05");
    expect(centsToYuan(29)).toBe("0.29");
    expect(() => centsToYuan(10.5)).toThrow();
    expect(() => centsToYuan(-1)).toThrow();
  });
});
