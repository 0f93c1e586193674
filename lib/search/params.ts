// client-safe: client components import it, so no server imports (scripts/check-layers.ts).
import { z } from "zod";
import { decimal, integer, oneOf, optional, text } from "@/lib/api/fields";
import { findCityCentre } from "./city-centres";
import { MAX_BBOX_SPAN } from "./limits";

// Parameters of /search_house and /search_map. Every documented legacy parameter is honoured
// with its intended meaning (the legacy rent, size and rent-time filters never worked); anything
// malformed is status 2 naming it.

interface Range {
  min?: number;
  max?: number;
}

const RANGE = /^\[\s*(\d+(?:\.\d+)?)?\s*,\s*(\d+(?:\.\d+)?)?\s*\]$/;
const RANGE_ERROR = "应为区间，如 [100,500]、[,800]、[1000,]";

/** Legacy inclusive interval `[a,b]`, `[,b]`, `[a,]` (whitespace and decimals allowed). */
function range() {
  return optional(
    z.string({ error: RANGE_ERROR }).transform((value, context): Range => {
      const match = RANGE.exec(value);
      if (!match) {
        context.addIssue({ code: "custom", message: RANGE_ERROR });
        return z.NEVER;
      }
      const min = match[1] === undefined ? undefined : Number(match[1]);
      const max = match[2] === undefined ? undefined : Number(match[2]);
      if (min !== undefined && max !== undefined && min > max) {
        context.addIssue({ code: "custom", message: "区间下限不能大于上限" });
        return z.NEVER;
      }
      return { min, max };
    }),
  );
}

const MAX_CHOICES = 20;

/** Legacy multi-select `a|b|c`: the listing matches ANY of the values. */
function choices<T>(parse: (part: string) => T | undefined, expected: string) {
  // JSON bodies may send a bare number or an array instead of the "a|b" string.
  const asText = (value: unknown) =>
    typeof value === "number" ? String(value) : Array.isArray(value) ? value.join("|") : value;
  return optional(
    z.preprocess(asText, z.string({ error: expected })).transform((value, context): T[] => {
      const parts = value.split("|").map((part) => part.trim());
      const parsed = parts.map(parse);
      const bad = parts.find((_, index) => parsed[index] === undefined);
      if (bad !== undefined || parts.length > MAX_CHOICES) {
        context.addIssue({
          code: "custom",
          message:
            bad === undefined ? `最多 ${MAX_CHOICES} 个选项` : `包含无效值 "${bad}"，${expected}`,
        });
        return z.NEVER;
      }
      return [...new Set(parsed as T[])];
    }),
  );
}

function codeChoices(allowed: readonly number[]) {
  return choices(
    (part) => (/^\d+$/.test(part) && allowed.includes(Number(part)) ? Number(part) : undefined),
    `可选 ${allowed.join("、")}，多个用 | 分隔`,
  );
}

function countChoices() {
  return choices(
    (part) => (/^\d{1,2}$/.test(part) ? Number(part) : undefined),
    "应为 0–99 的整数，多个用 | 分隔",
  );
}

function textChoices() {
  return choices(
    (part) => (part.length > 0 && part.length <= 20 ? part : undefined),
    "每项 1–20 个字符，多个用 | 分隔",
  );
}

function countyChoices() {
  return choices(
    (part) => (/^\d{6}$/.test(part) ? Number(part) : undefined),
    "应为 6 位区县编码，多个用 | 分隔",
  );
}

/** Legacy single-value filters used -1 for "off". */
function code(options: { min: number; max: number }) {
  return optional(
    integer({ min: -1, max: options.max })
      .refine((value) => value === -1 || value >= options.min, `不能小于 ${options.min}`)
      .transform((value) => (value === -1 ? undefined : value)),
  );
}

/** Filters shared by the list and the map search. */
export const filterFields = {
  house_name: optional(text({ max: 50 })),
  house_type: optional(text({ max: 20 })),
  house_rent_time_type: code({ min: 1, max: 2 }),
  house_rent_room_type: codeChoices([1, 2]),
  house_rent_fee: range(),
  house_source: codeChoices([1, 2, 3]),
  house_size: range(),
  house_direction: textChoices(),
  house_decoration: textChoices(),
  house_rooms: countChoices(),
  subdistrict_code: code({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  subway_station_code: code({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  house_characteristic: textChoices(),
  /** 区县 (GB/T 2260 county codes): the listing is in ANY of them. */
  county_code: countyChoices(),
  /** 1: only listings showing the 房东本人 badge ("只看房东本人"); 0 or absent: all. */
  owner_verified: optional(oneOf([0, 1] as const)).transform((value) => value === 1),
};

export type Filters = z.output<z.ZodObject<typeof filterFields>>;

const bbox = z.string({ error: "缺少此参数" }).transform((value, context) => {
  const parts = value.split(",").map((part) => part.trim());
  const numbers = parts.map((part) =>
    /^[+-]?(\d+\.?\d*|\.\d+)$/.test(part) ? Number(part) : Number.NaN,
  );
  const [minLng, minLat, maxLng, maxLat] = numbers as [number, number, number, number];
  const problem =
    numbers.length !== 4 || numbers.some(Number.isNaN)
      ? "应为 minLng,minLat,maxLng,maxLat 四个数字"
      : minLng < -180 || maxLng > 180 || minLat < -90 || maxLat > 90
        ? "经度应在 -180–180，纬度应在 -90–90"
        : minLng >= maxLng || minLat >= maxLat
          ? "最小值应小于最大值"
          : maxLng - minLng > MAX_BBOX_SPAN || maxLat - minLat > MAX_BBOX_SPAN
            ? `范围过大，经纬度跨度不能超过 ${MAX_BBOX_SPAN} 度`
            : undefined;
  if (problem) {
    context.addIssue({ code: "custom", message: problem });
    return z.NEVER;
  }
  return { minLng, minLat, maxLng, maxLat };
});

export type BBox = z.output<typeof bbox>;

const MAX_RADIUS_KM = 50;
const SORTS = [1, 2, 3, 4, 5, 6] as const;
export type Sort = (typeof SORTS)[number];

const coordType = optional(
  z.enum(["gcj02", "wgs84", "bd09"], { error: "可选 gcj02、wgs84、bd09" }),
);

export const searchHouseParams = z
  .object({
    ...filterFields,
    longitude: optional(decimal({ min: -180, max: 180 })),
    latitude: optional(decimal({ min: -90, max: 90 })),
    coord_type: coordType,
    loccity: optional(integer({ min: 1 })),
    /** The visible map area instead of centre and radius ("搜索此区域"); GCJ-02. */
    bbox: optional(bbox),
    radius: optional(
      decimal({ max: MAX_RADIUS_KM }).refine((value) => value > 0, "应大于 0"),
    ).transform((value) => value ?? 10),
    // -1 was the legacy "no ordering"; it now means the default order.
    sort: optional(oneOf([-1, ...SORTS])).transform(
      (value): Sort => (value === undefined || value === -1 ? 1 : value),
    ),
    shift: optional(integer({ min: 0, max: 100_000 })).transform((value) => value ?? 0),
    count: optional(integer({ min: 1, max: 100 })).transform((value) => value ?? 20),
  })
  .superRefine((params, context) => {
    if (params.loccity !== undefined && !findCityCentre(params.loccity))
      context.addIssue({ code: "custom", path: ["loccity"], message: "未知的城市编码" });
    const hasLng = params.longitude !== undefined;
    const hasLat = params.latitude !== undefined;
    if (hasLng !== hasLat) {
      const missing = hasLng ? "latitude" : "longitude";
      context.addIssue({ code: "custom", path: [missing], message: "经纬度须同时提供" });
    } else if (!hasLng) {
      if (params.loccity === undefined && params.bbox === undefined)
        context.addIssue({
          code: "custom",
          path: ["longitude"],
          message: "缺少位置：请提供 longitude 和 latitude、loccity 或 bbox",
        });
    }
  });

export type SearchHouseParams = z.output<typeof searchHouseParams>;

export const searchMapParams = z.object({
  ...filterFields,
  bbox,
  zoom: integer({ min: 3, max: 18 }),
});

export type SearchMapParams = z.output<typeof searchMapParams>;
