import { describe, expect, it } from "vitest";
import { type TargetBox, tapTargetProblems } from "../e2e/fixtures/tap-targets";

const box = (label: string, x: number, y: number, width: number, height: number, extra = {}) =>
  ({ label, x, y, width, height, ...extra }) satisfies TargetBox;

describe("tap targets", () => {
  it("accepts 44×44 controls and refuses the sizes the issue measured", () => {
    const problems = tapTargetProblems([
      box('button "放大"', 0, 0, 44, 44),
      box('button "定位"', 0, 100, 44, 32),
      box('button "筛选"', 100, 100, 54, 30),
      box('select "排序"', 0, 200, 120, 43.6),
    ]);
    expect(problems).toEqual([
      { label: 'button "定位"', size: "44×32", reason: "smaller than 44×44" },
      { label: 'button "筛选"', size: "54×30", reason: "smaller than 44×44" },
    ]);
  });

  it("exempts links inside a sentence", () => {
    expect(tapTargetProblems([box('a "隐私政策"', 0, 0, 60, 20, { inline: true })])).toEqual([]);
  });

  it("lets map pins be 24 px high, and smaller ones only with 24 px spacing", () => {
    const pin = (label: string, x: number, y: number, height: number) =>
      box(label, x, y, 49, height, { dense: true });
    // 24 px pins pass; a 20 px pin alone passes by spacing (no other target within its circle).
    expect(tapTargetProblems([pin("¥3500", 0, 0, 24), pin("¥2800", 200, 0, 20)])).toEqual([]);
    // Two 20 px pins 2 px apart: their 24 px circles overlap.
    expect(tapTargetProblems([pin("¥3500", 0, 0, 20), pin("¥2800", 0, 22, 20)])).toEqual([
      { label: "¥3500", size: "49×20", reason: "smaller than 24×24 without 24 px spacing" },
      { label: "¥2800", size: "49×20", reason: "smaller than 24×24 without 24 px spacing" },
    ]);
    // A 20 px pin right next to a full-size button overlaps it.
    expect(
      tapTargetProblems([pin("¥3500", 0, 0, 20), box('button "放大"', 30, 20, 44, 44)]),
    ).toHaveLength(1);
  });

  it("never gives ordinary controls the map's 24 px allowance", () => {
    expect(tapTargetProblems([box('a "先去看看房源 ›"', 0, 0, 120, 24)])).toHaveLength(1);
  });
});
