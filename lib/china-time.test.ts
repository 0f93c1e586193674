import { describe, expect, it } from "vitest";
import { chinaDate } from "@/lib/china-time";

describe("chinaDate", () => {
  it("turns the date at midnight China time (16:00 UTC)", () => {
    expect(chinaDate(new Date("2026-03-01T15:59:59.999Z"))).toBe("2026-03-01");
    expect(chinaDate(new Date("2026-03-01T16:00:00.000Z"))).toBe("2026-03-02");
    expect(chinaDate("2026-12-31T16:30:00Z")).toBe("2027-01-01");
  });

  it("agrees with the Asia/Shanghai calendar across years", () => {
    const shanghai = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    for (let time = Date.UTC(2000, 0, 1); time < Date.UTC(2040, 0, 1); time += 7_777_777_777 / 97)
      expect(chinaDate(time)).toBe(shanghai.format(time));
  });

  it("refuses an invalid date", () => {
    expect(() => chinaDate("not a date")).toThrow(RangeError);
  });
});
