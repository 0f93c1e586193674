import { describe, expect, it } from "vitest";
import { chinaDate, chinaDateStamp, chinaTimestamp, rfc3339China } from "@/lib/china-time";

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

describe("provider timestamps in China time", () => {
  const lateEvening = new Date("2026-12-01T16:30:05.250Z"); // 00:30:05 on 2 December in China

  it("writes Alipay's timestamp, WeChat Pay's RFC 3339 and the date stamp of ids", () => {
    expect(chinaTimestamp(lateEvening)).toBe("2026-12-02 00:30:05");
    expect(rfc3339China(lateEvening)).toBe("2026-12-02T00:30:05+08:00");
    expect(chinaDateStamp(lateEvening)).toBe("20261202");
    expect(new Date(rfc3339China(lateEvening)).getTime()).toBe(
      lateEvening.getTime() - 250, // whole seconds
    );
  });
});
