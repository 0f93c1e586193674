// client-safe: the pages share these zod field rules, so no server imports (scripts/check-layers.ts).
import { z } from "zod";

// Zod builders for request parameters, which arrive as strings (query, form) or JSON values.
// An empty string counts as "not sent"; anything else must be valid — never silently coerced.

const MISSING = "缺少此参数";

function blankToUndefined(value: unknown): unknown {
  return value === "" || value === null ? undefined : value;
}

function numberLike(value: unknown, pattern: RegExp): unknown {
  const present = blankToUndefined(value);
  return typeof present === "string" && pattern.test(present) ? Number(present) : present;
}

const requiredError = (expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? MISSING : expected;

export function integer(options: { min?: number; max?: number } = {}) {
  const min = options.min ?? Number.MIN_SAFE_INTEGER;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  return z.preprocess(
    (value) => numberLike(value, /^[+-]?\d+$/),
    z
      .number({ error: requiredError("应为整数") })
      .int("应为整数")
      .min(min, `不能小于 ${min}`)
      .max(max, `不能大于 ${max}`),
  );
}

export function decimal(options: { min?: number; max?: number } = {}) {
  const min = options.min ?? -Number.MAX_VALUE;
  const max = options.max ?? Number.MAX_VALUE;
  return z.preprocess(
    (value) => numberLike(value, /^[+-]?(\d+\.?\d*|\.\d+)$/),
    z
      .number({ error: requiredError("应为数字") })
      .min(min, `不能小于 ${min}`)
      .max(max, `不能大于 ${max}`),
  );
}

/** A positive integer id (house_id, photo_id…); rejects "1 or 1=1", "2.9", "-1". */
export function id() {
  return integer({ min: 1 });
}

export function oneOf<const T extends readonly number[]>(values: T) {
  return integer().refine(
    (value) => values.includes(value),
    `应为 ${values.join("、")} 之一`,
  ) as unknown as z.ZodType<T[number], unknown>;
}

export function text(options: { max: number; min?: number }) {
  const min = options.min ?? 1;
  return z.preprocess(
    (value) => (min > 0 ? blankToUndefined(value) : value),
    z
      .string({ error: requiredError("应为文本") })
      .max(options.max, `不能超过 ${options.max} 个字符`)
      .min(min, MISSING),
  );
}

/** A real calendar date written YYYY-MM-DD. */
export function isoDate() {
  return text({ max: 10 }).refine((value) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return false;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    return (
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === month - 1 &&
      date.getUTCDate() === day
    );
  }, "应为有效日期，格式 YYYY-MM-DD");
}

/** Legacy "a|b|c" code lists (facility, extra_fee…) → sorted unique numbers; JSON arrays too. */
export function codeList(allowed: readonly number[]) {
  return z.preprocess(
    (value) => {
      const present = blankToUndefined(value);
      if (typeof present === "string") return present.split("|").map((part) => part.trim());
      return present;
    },
    z
      .array(z.union([z.string(), z.number()]), { error: requiredError("应为用 | 分隔的编号列表") })
      .transform((parts, context) => {
        const codes = new Set<number>();
        for (const part of parts) {
          const code =
            typeof part === "number" ? part : /^\d+$/.test(part) ? Number(part) : Number.NaN;
          if (!allowed.includes(code)) {
            context.addIssue({
              code: "custom",
              message: `包含无效编号 "${part}"，可选 ${allowed.join("、")}`,
            });
            return z.NEVER;
          }
          codes.add(code);
        }
        return [...codes].sort((a, b) => a - b);
      }),
  );
}

export function flag() {
  return z.preprocess(
    (value) => {
      const present = blankToUndefined(value);
      if (present === "1" || present === "true" || present === 1) return true;
      if (present === "0" || present === "false" || present === 0) return false;
      return present;
    },
    z.boolean({ error: requiredError("应为 0 或 1") }),
  );
}

/** An optional parameter: absent, null or "" all mean "not sent". Use this, not `.optional()`. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema.optional());
}

/** Positive ids as "3|1|2" or a JSON array, 1 to `max` of them, duplicates dropped. */
export function idList(max: number) {
  return z.preprocess(
    (value) => {
      const present = blankToUndefined(value);
      return typeof present === "string" ? present.split("|").map((part) => part.trim()) : present;
    },
    z
      .array(
        z.preprocess((part) => numberLike(part, /^\d+$/), z.number().int().min(1)),
        {
          error: requiredError("应为用 | 分隔的编号列表"),
        },
      )
      .min(1, MISSING)
      .max(max, `最多 ${max} 个`)
      .transform((ids) => [...new Set(ids)]),
  );
}

/** Paging of a newest-first list: `shift` items skipped (default 0), `count` returned. */
export function pageParams(options: { maxShift: number; maxCount: number; count: number }) {
  return {
    shift: optional(integer({ min: 0, max: options.maxShift })).transform((value) => value ?? 0),
    count: optional(integer({ min: 1, max: options.maxCount })).transform(
      (value) => value ?? options.count,
    ),
  };
}
