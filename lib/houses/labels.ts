// client-safe: the tenant pages show these labels, so no server imports (scripts/check-layers.ts).
// The labels of listing codes shown to tenants and landlords. Client-safe and free of zod, so
// the tenant pages can show them without the listing schema in their JavaScript.

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
