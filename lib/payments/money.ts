// client-safe: shared by the wallet pages and the server, so no server imports (scripts/check-layers.ts).
// Money is integer cents everywhere; Alipay's "10.00" yuan strings exist only at its boundary.

const YUAN = /^(0|[1-9]\d{0,9})(?:\.(\d{1,2}))?$/;

/** "10.00" → 1000, "0.1" → 10; null for anything that is not a plain non-negative amount. */
export function yuanToCents(value: string): number | null {
  const match = YUAN.exec(value);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** 1000 → "10.00". */
export function centsToYuan(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new Error(`invalid cents: ${cents}`);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}
