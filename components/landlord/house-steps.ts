import type { ListingFieldName } from "@/lib/houses/fields";
import {
  EXTRA_FEES,
  FACILITIES,
  FEE_PAYERS,
  HOUSE_SOURCES,
  ORIENTATIONS,
  PAYMENT_TYPES,
  RENT_ROOM_TYPES,
  RENT_TIME_TYPES,
} from "@/lib/houses/labels";

// The listing editor's steps and the form fields each one shows (all listing fields appear once).

export type StepId = "basic" | "location" | "terms" | "details" | "media" | "release";

export const STEPS: { id: StepId; label: string }[] = [
  { id: "basic", label: "基本信息" },
  { id: "location", label: "位置" },
  { id: "terms", label: "租金" },
  { id: "details", label: "设施介绍" },
  { id: "media", label: "照片视频" },
  { id: "release", label: "发布" },
];

type FieldKind = "text" | "number" | "select" | "textarea" | "date" | "checks" | "tags";

export interface FieldSpec {
  name: ListingFieldName;
  label: string;
  kind: FieldKind;
  options?: ReadonlyArray<readonly [string | number, string]>;
  hint?: string;
  unit?: string;
}

const entries = (labels: Record<number, string>) =>
  Object.entries(labels).map(([code, label]) => [Number(code), label] as const);

const DECORATIONS = ["毛坯", "简装", "精装", "豪装"].map((d) => [d, d] as const);

export const STEP_FIELDS: Partial<Record<StepId, FieldSpec[]>> = {
  basic: [
    {
      name: "rent_room_type",
      label: "出租方式",
      kind: "select",
      options: entries(RENT_ROOM_TYPES),
    },
    { name: "rent_time_type", label: "租期", kind: "select", options: entries(RENT_TIME_TYPES) },
    { name: "house_source", label: "房源类型", kind: "select", options: entries(HOUSE_SOURCES) },
    { name: "house_type", label: "户型", kind: "text", hint: "例如：2室1厅1卫" },
    { name: "house_rooms", label: "卧室数量", kind: "number" },
    { name: "house_size", label: "面积", kind: "number", unit: "㎡" },
    { name: "house_floor", label: "所在楼层", kind: "text" },
    { name: "all_floor", label: "总楼层", kind: "number" },
    {
      name: "house_direction",
      label: "朝向",
      kind: "select",
      options: ORIENTATIONS.map((o) => [o, o] as const),
    },
    { name: "house_decoration", label: "装修", kind: "select", options: DECORATIONS },
    { name: "house_max_livein", label: "最多可住人数", kind: "number" },
  ],
  terms: [
    { name: "house_rent", label: "月租金", kind: "number", unit: "元/月" },
    {
      name: "payment_type",
      label: "付款方式",
      kind: "select",
      options: Object.entries(PAYMENT_TYPES).map(([code, label]) => [code, label] as const),
    },
    {
      name: "property_management_fee",
      label: "物业费由谁支付",
      kind: "select",
      options: entries(FEE_PAYERS),
    },
    {
      name: "heating_charge",
      label: "取暖费由谁支付",
      kind: "select",
      options: entries(FEE_PAYERS),
    },
    { name: "extra_fee", label: "租客另付的费用", kind: "checks", options: entries(EXTRA_FEES) },
    { name: "earliest_checkin_time", label: "最早入住日期", kind: "date" },
    {
      name: "verification_code",
      label: "房源核验码",
      kind: "text",
      hint: "北京、上海的房源必须填写，发布后显示在房源页",
    },
  ],
  details: [
    {
      name: "description_title",
      label: "标题",
      kind: "text",
      hint: "例如：地铁口精装两居，拎包入住",
    },
    { name: "facility", label: "房屋设施", kind: "checks", options: entries(FACILITIES) },
    {
      name: "house_characteristic",
      label: "房源特色",
      kind: "tags",
      hint: "用空格分隔，最多 10 个",
    },
    { name: "description", label: "房源介绍", kind: "textarea" },
    { name: "traffic_condition", label: "交通情况", kind: "textarea" },
    { name: "around_condition", label: "周边配套", kind: "textarea" },
  ],
};

/** Where the editor sends the landlord for each item the release check reports missing. */
export const MISSING_ITEMS: Record<string, { label: string; step?: StepId; href?: string }> = {
  longitude: { label: "地图位置", step: "location" },
  latitude: { label: "地图位置", step: "location" },
  house_rent: { label: "月租金", step: "terms" },
  house_size: { label: "面积", step: "basic" },
  description_title: { label: "标题", step: "details" },
  photos: { label: "至少一张房源照片", step: "media" },
  profile: { label: "个人资料（称呼、性别、身份）", href: "/me/profile" },
  verification_code: { label: "房源核验码（北京、上海必填）", step: "terms" },
};
