// client-safe: client components import it, so no server imports (scripts/check-layers.ts).
import { z } from "zod";
import { codeList, decimal, id, integer, isoDate, oneOf, optional, text } from "@/lib/api/fields";
import {
  EXTRA_FEES,
  FACILITIES,
  FEE_PAYERS,
  HOUSE_SOURCES,
  PAYMENT_TYPES,
  type PaymentType,
  RENT_ROOM_TYPES,
  RENT_TIME_TYPES,
} from "@/lib/houses/labels";

// The listing field schema shared by /api/house_create, /api/update_house_info and the page
// editor (a client component imports this module, so it must stay free of server-only imports).
// Every field is optional because drafts may be incomplete, but a value that is sent must be
// valid: nothing is coerced or replaced by a default (the legacy "insert ignore" bug).

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
