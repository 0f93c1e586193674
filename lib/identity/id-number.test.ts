import { describe, expect, it } from "vitest";
import { checkIdNumber, maskIdNumber } from "@/lib/identity/id-number";

describe("checkIdNumber", () => {
  it.each([
    ["11010519491231002X", null],
    ["11010519491231002x", null],
    ["440524198001010013", null],
    ["440524188001010014", "birth_date"],
    ["510105199001011237", null],
    ["11010519491231002", "format"],
    ["11010519491231002Y", "format"],
    ["99010519491231002X", "province"],
    ["110105194902300023", "birth_date"],
    ["110105209901010011", "birth_date"],
    ["110105194912310021", "checksum"],
  ])("%s → %s", (id, problem) => {
    expect(checkIdNumber(id, new Date("2026-11-28"))).toBe(problem);
  });

  it("accepts historical area codes that are no longer in the current list", () => {
    // 510221 was a Sichuan county code before Chongqing split off (51 → 50).
    expect(checkIdNumber("510221198003030010", new Date("2026-11-28"))).toBeNull();
  });
});

describe("maskIdNumber", () => {
  it("keeps the first and last four characters", () => {
    expect(maskIdNumber("513812188722874655")).toBe("5138**********4655");
  });
});
