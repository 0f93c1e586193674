// client-safe: the verification forms check ID numbers in the browser, so no server imports (scripts/check-layers.ts).
// Mainland resident ID numbers (GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit
// sequence, ISO 7064 MOD 11-2 check digit. Historical area codes stay valid on real cards, so only
// the province prefix is checked (plus 81/82/83 for Hong Kong, Macau and Taiwan residence permits).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_DIGITS = "10X98765432";
const PROVINCE_PREFIXES = new Set([
  "11",
  "12",
  "13",
  "14",
  "15",
  "21",
  "22",
  "23",
  "31",
  "32",
  "33",
  "34",
  "35",
  "36",
  "37",
  "41",
  "42",
  "43",
  "44",
  "45",
  "46",
  "50",
  "51",
  "52",
  "53",
  "54",
  "61",
  "62",
  "63",
  "64",
  "65",
  "71",
  "81",
  "82",
  "83",
]);

export type IdNumberProblem = "format" | "province" | "birth_date" | "checksum";

export function normalizeIdNumber(input: string): string {
  return input.trim().toUpperCase();
}

export function checkIdNumber(input: string, today = new Date()): IdNumberProblem | null {
  const id = normalizeIdNumber(input);
  if (!/^\d{17}[\dX]$/.test(id)) return "format";
  if (!PROVINCE_PREFIXES.has(id.slice(0, 2))) return "province";
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const realDate =
    birth.getUTCFullYear() === year &&
    birth.getUTCMonth() === month - 1 &&
    birth.getUTCDate() === day;
  if (!realDate || year < 1900 || birth.getTime() > today.getTime()) return "birth_date";
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(id[index]), 0);
  if (CHECK_DIGITS[sum % 11] !== id[17]) return "checksum";
  return null;
}

export const idNumberProblemText: Record<IdNumberProblem, string> = {
  format: "身份证号应为 18 位，最后一位可以是 X",
  province: "身份证号的地区码无效",
  birth_date: "身份证号中的出生日期无效",
  checksum: "身份证号校验位不正确",
};

/** "513812188722874655" → "5138**********4655". */
export function maskIdNumber(input: string): string {
  const id = normalizeIdNumber(input);
  return `${id.slice(0, 4)}${"*".repeat(Math.max(id.length - 8, 0))}${id.slice(-4)}`;
}
