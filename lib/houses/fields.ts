// client-safe: client components import it, so no server imports (scripts/check-layers.ts).
import { z } from "zod";
import { codeList, decimal, id, integer, isoDate, oneOf, optional, text } from "@/lib/api/fields";

// The listing field schema shared by /api/house_create, /api/update_house_info and the page
// editor (a client component imports this module, so it must stay free of server-only imports).
// Every field is optional because drafts may be incomplete, but a value that is sent must be
// valid: nothing is coerced or replaced by a default (the legacy "insert ignore" bug).

/** Deposit months | pay months, with the label shown to tenants. */
export const PAYMENT_TYPES = {
  "1|1": "押一付一",
  "1|3": "押一付三",
  "1|6": "押一付六",
  "1|12": "押一付十二",
  "2|3": "押二付三",
  "0|1": "免押金月付",
} as const;
export type PaymentType = keyof typeof PAYMENT_TYPES;

export const FACILITIES: Record<number, string> = {
  1: "空调",
  2: "电视",
  3: "洗衣机",
  4: "冰箱",
  5: "微波炉",
  6: "热水淋浴",
  7: "有线网络",
  8: "无线网络",
  9: "暖气",
  10: "门禁系统",
  11: "电梯",
  12: "停车位",
};

export const EXTRA_FEES: Record<number, string> = {
  1: "水费",
  2: "电费",
  3: "燃气费",
  4: "网费",
  5: "取暖费",
  6: "卫生费",
  7: "电视费",
  8: "物业费",
};

export const ROOM_TYPES: Record<number, string> = {
  1: "主卧",
  2: "次卧",
  3: "客厅",
  4: "厨房",
  5: "卫生间",
  6: "阳台",
  7: "其他房间",
};

/** Room types that carry their own area and window orientation (bedrooms). */
export const BEDROOM_TYPES = [1, 2] as const;

export const ORIENTATIONS = [
  "东",
  "南",
  "西",
  "北",
  "东南",
  "东北",
  "西南",
  "西北",
  "南北",
  "东西",
] as const;

export const RENT_TIME_TYPES = { 1: "短租", 2: "长租" } as const;
export const RENT_ROOM_TYPES = { 1: "整租", 2: "单间" } as const;
export const HOUSE_SOURCES = { 1: "房东直租", 2: "二房东合租", 3: "租客转租" } as const;
/** Who pays the property-management fee or heating charge. */
export const FEE_PAYERS = { 1: "房东", 2: "租客", 3: "待定" } as const;

const MAX_TAGS = 10;
const MAX_TAG_LENGTH = 10;
const MAX_RENT_YUAN = 1_000_000;

const codes = (labels: Record<number, string>) => Object.keys(labels).map(Number);

/** A GB/T 2260 six-digit division code (checked against the dataset on the server). */
const divisionCode = () => integer({ min: 100000, max: 999999 });

const paymentType = z.preprocess(
  (value) => (typeof value === "string" ? value.replace(/\s+/g, "") : value),
  z.enum(Object.keys(PAYMENT_TYPES) as [PaymentType, ...PaymentType[]], {
    error: `应为 ${Object.keys(PAYMENT_TYPES).join("、")} 之一`,
  }),
);

/** Free-text tags as "a|b" (or a JSON array): each 1–10 characters, at most 10, stored "a|b". */
const tags = z.preprocess(
  (value) => (typeof value === "string" ? value.split("|") : value),
  z
    .array(z.string(), { error: "应为用 | 分隔的标签" })
    .transform((parts) => [...new Set(parts.map((part) => part.trim()).filter(Boolean))])
    .refine((list) => list.length <= MAX_TAGS, `最多 ${MAX_TAGS} 个标签`)
    .refine(
      (list) => list.every((tag) => [...tag].length <= MAX_TAG_LENGTH),
      `每个标签不超过 ${MAX_TAG_LENGTH} 个字`,
    )
    .transform((list) => list.join("|")),
);

const joinCodes = (list: number[]) => list.join("|");

/** Every editable listing field, by its API name. */
export const listingFields = {
  province_code: optional(divisionCode()),
  province_name: optional(text({ max: 50 })),
  city_code: optional(divisionCode()),
  city_name: optional(text({ max: 50 })),
  county_code: optional(divisionCode()),
  county_name: optional(text({ max: 50 })),
  district_code: optional(id()),
  district_name: optional(text({ max: 100 })),
  subdistrict_code: optional(id()),
  subway_station_code: optional(id()),
  house_number: optional(text({ max: 50 })),
  longitude: optional(decimal({ min: -180, max: 180 })),
  latitude: optional(decimal({ min: -90, max: 90 })),
  rent_time_type: optional(oneOf(codes(RENT_TIME_TYPES))),
  rent_room_type: optional(oneOf(codes(RENT_ROOM_TYPES))),
  house_size: optional(integer({ min: 1, max: 2000 })),
  house_type: optional(text({ max: 20 })),
  house_floor: optional(text({ max: 10 })),
  all_floor: optional(integer({ min: 1, max: 200 })),
  house_direction: optional(text({ max: 10 })),
  house_decoration: optional(text({ max: 20 })),
  house_max_livein: optional(integer({ min: 1, max: 50 })),
  house_rooms: optional(integer({ min: 0, max: 50 })),
  house_rent: optional(integer({ min: 1, max: MAX_RENT_YUAN })),
  payment_type: optional(paymentType),
  property_management_fee: optional(oneOf(codes(FEE_PAYERS))),
  heating_charge: optional(oneOf(codes(FEE_PAYERS))),
  description_title: optional(text({ max: 60 })),
  description: optional(text({ max: 5000 })),
  traffic_condition: optional(text({ max: 2000 })),
  around_condition: optional(text({ max: 2000 })),
  facility: optional(codeList(codes(FACILITIES)).transform(joinCodes)),
  extra_fee: optional(codeList(codes(EXTRA_FEES)).transform(joinCodes)),
  house_characteristic: optional(tags),
  house_source: optional(oneOf(codes(HOUSE_SOURCES))),
  earliest_checkin_time: optional(isoDate()),
  verification_code: optional(text({ max: 50 })),
};

export type ListingFieldName = keyof typeof listingFields;
export const LISTING_FIELD_NAMES = Object.keys(listingFields) as ListingFieldName[];

/** How the client measured longitude/latitude; stored values are always GCJ-02. */
export const coordTypeField = optional(
  z.enum(["gcj02", "wgs84"], { error: "应为 gcj02 或 wgs84" }),
);

export const listingSchema = z.object(listingFields);
export type ListingInput = z.output<typeof listingSchema>;

/** Fields a listing needs before it can be published (photos and the owner's profile aside). */
export const REQUIRED_FOR_RELEASE = [
  "longitude",
  "latitude",
  "house_rent",
  "house_size",
  "description_title",
] as const satisfies readonly ListingFieldName[];

/** Cross-field rule checked on the merged listing: returns [field, reason] or null. */
export function floorProblem(listing: {
  house_floor?: string | null;
  all_floor?: number | null;
}): [ListingFieldName, string] | null {
  const floor = listing.house_floor;
  if (floor == null || !/^-?\d+$/.test(floor)) return null;
  if (Number(floor) === 0) return ["house_floor", "楼层不能为 0（地下请写负数）"];
  if (listing.all_floor != null && Number(floor) > listing.all_floor)
    return ["house_floor", "不能高于总楼层 all_floor"];
  return null;
}
