import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  codeList,
  decimal,
  flag,
  id,
  integer,
  isoDate,
  oneOf,
  optional,
  text,
} from "@/lib/api/fields";
import "@/lib/api/route";

const ok = (schema: z.ZodType, value: unknown) => schema.parse(value);
const problem = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues[0]?.message;

describe("parameter fields", () => {
  it("parse integers from strings and numbers, rejecting decimals and SQL", () => {
    expect(ok(integer({ min: 0 }), "42")).toBe(42);
    expect(ok(integer(), 7)).toBe(7);
    expect(problem(integer(), "2.9")).toBe("应为整数");
    expect(problem(id(), "1 or 1=1")).toBe("应为整数");
    expect(problem(id(), "0")).toBe("不能小于 1");
    expect(problem(integer({ max: 10 }), "11")).toBe("不能大于 10");
    expect(problem(integer(), "")).toBe("缺少此参数");
    expect(ok(optional(integer()), "")).toBeUndefined();
    expect(problem(optional(integer()), "x")).toBe("应为整数");
  });

  it("parse decimals but not nan or inf", () => {
    expect(ok(decimal(), "104.06")).toBe(104.06);
    expect(problem(decimal(), "nan")).toBe("应为数字");
    expect(problem(decimal(), "inf")).toBe("应为数字");
  });

  it("check enums, text length, dates and flags", () => {
    expect(ok(oneOf([1, 2] as const), "2")).toBe(2);
    expect(problem(oneOf([1, 2] as const), "3")).toBe("应为 1、2 之一");
    expect(problem(text({ max: 3 }), "四个字符")).toBe("不能超过 3 个字符");
    expect(problem(text({ max: 3 }), "")).toBe("缺少此参数");
    expect(ok(isoDate(), "2024-02-29")).toBe("2024-02-29");
    expect(problem(isoDate(), "2023-02-29")).toBe("应为有效日期，格式 YYYY-MM-DD");
    expect(ok(flag(), "1")).toBe(true);
    expect(problem(flag(), "yes")).toBe("应为 0 或 1");
  });

  it("parse a|b|c code lists into sorted unique codes", () => {
    const facility = codeList([1, 2, 3, 4]);
    expect(ok(facility, "3|1|3")).toEqual([1, 3]);
    expect(ok(facility, [2, "4"])).toEqual([2, 4]);
    expect(problem(facility, "1|9")).toContain('"9"');
  });
});
