import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { floatingPromises } from "./check-floating-promises";

function project(source: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "zhizu-floating-"));
  fs.writeFileSync(
    path.join(root, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { strict: true, target: "ES2022", lib: ["ES2023"], noEmit: true },
      include: ["*.ts"],
    }),
  );
  fs.writeFileSync(path.join(root, "code.ts"), source);
  return root;
}

describe("floating-promise check", () => {
  it("reports unawaited statements, promises used as conditions and expect(promise)", () => {
    const root = project(`
declare function save(): Promise<void>;
declare function isOwner(): Promise<boolean>;
declare function maybe(): Promise<void> | undefined;
declare function expect(value: unknown): { toBe(value: unknown): void; resolves: { toBe(value: unknown): void } };
export async function work(pending: Promise<void> | undefined, items: number[]) {
  save();
  maybe();
  if (isOwner()) return;
  const allowed = !isOwner();
  items.forEach(async () => { await save(); });
  expect(isOwner()).toBe(true);
  // Handled: awaited, voided, returned, assigned, a check for absence, .resolves.
  await save();
  void save();
  if (!pending) return allowed;
  const later = save();
  await later;
  await expect(isOwner()).resolves.toBe(true);
  return save();
}
`);
    expect(floatingPromises(root).map(({ line, text }) => [line, text])).toEqual([
      [7, "save();"],
      [8, "maybe();"],
      [9, "isOwner()"],
      [10, "isOwner()"],
      [11, "async () => { await save(); }"],
      [12, "expect(isOwner())"],
    ]);
  });
});
