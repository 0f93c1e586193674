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

/**
 * The editor offers FEATURES as chips plus at most this many custom tags; the API still accepts
 * up to MAX_TAGS free tags (lib/houses/fields.ts) so that legacy clients keep working.
 */
export const MAX_CUSTOM_FEATURES = 3;

/** Tags from a "a|b" value, trimmed, empty ones and duplicates dropped. */
export function splitTags(value: string): string[] {
  return [...new Set(value.split("|").map((tag) => tag.trim()))].filter(Boolean);
}

/** The tags that are not in the shared vocabulary. */
export function customFeatures(tags: readonly string[]): string[] {
  return tags.filter((tag) => !(FEATURES as readonly string[]).includes(tag));
}

/** The editor's rule on top of the API's: null when the tags are fine. */
export function featureProblem(tags: readonly string[]): string | null {
  return customFeatures(tags).length > MAX_CUSTOM_FEATURES
    ? `自定义标签最多 ${MAX_CUSTOM_FEATURES} 个，其余请从常用标签中选择`
    : null;
}
