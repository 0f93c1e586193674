/** Bedroom counts; the last choice means "this many or more" in the label only. */
export const BEDROOM_CHOICES = [1, 2, 3, 4] as const;

export const RENT_PRESETS: { label: string; value: [number | null, number | null] }[] = [
  { label: "1500以下", value: [null, 1500] },
  { label: "1500-2500", value: [1500, 2500] },
  { label: "2500-4000", value: [2500, 4000] },
  { label: "4000-6000", value: [4000, 6000] },
  { label: "6000以上", value: [6000, null] },
];

export const SIZE_PRESETS: { label: string; value: [number | null, number | null] }[] = [
  { label: "30㎡以下", value: [null, 30] },
  { label: "30-60㎡", value: [30, 60] },
  { label: "60-90㎡", value: [60, 90] },
  { label: "90㎡以上", value: [90, null] },
];

export const SORTS = [
  { value: 1, label: "距离最近" },
  { value: 2, label: "最新发布" },
  { value: 3, label: "热门" },
  { value: 4, label: "租金从低到高" },
  { value: 5, label: "租金从高到低" },
  { value: 6, label: "面积从小到大" },
] as const;

export const RADII = [1, 3, 5, 10, 20] as const;
