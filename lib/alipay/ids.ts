import "server-only";
import { randomBytes, randomInt } from "node:crypto";

export function randomDigits(count: number): string {
  return Array.from({ length: count }, () => randomInt(10)).join("");
}

export function randomToken(bytes = 16): string {
  return randomBytes(bytes).toString("hex");
}
