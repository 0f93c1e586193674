// client-safe: client components import it, so no server imports (scripts/check-layers.ts).
// The words for listing fields that are free text in the API (decoration, features): the search
// sheet offers them as filter choices and the demo seed writes them.

export const DECORATIONS = ["精装", "简装", "豪装", "毛坯"] as const;

export const FEATURES = [
  "近地铁",
  "拎包入住",
  "随时看房",
  "独立卫生间",
  "有阳台",
  "可养宠物",
  "可做饭",
  "免押金",
] as const;
