// client-safe: client components import it, so no server imports (scripts/check-layers.ts).
// China has one time zone (UTC+8, no daylight saving). Dates shown to users and the legacy
// `create_date` fields are in China time, whatever the server's or the browser's zone.

const CHINA_TIME_ZONE = "Asia/Shanghai";
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

const dateFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: CHINA_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

const dateTimeFormat = new Intl.DateTimeFormat("zh-CN", {
  timeZone: CHINA_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** `YYYY-MM-DD` in China. */
export function chinaDate(date: Date | string | number): string {
  // UTC+8 all year (no daylight saving since 1991): shifting by 8 hours gives China's calendar date, several times faster than
  // Intl (lists format one date per row).
  const time = new Date(date).getTime();
  if (Number.isNaN(time)) return dateFormat.format(time); // throws RangeError like Intl
  return new Date(time + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Date and time in China for display, e.g. `2026/03/02 07:30`. */
export function chinaDateTime(date: Date | string | number): string {
  return dateTimeFormat.format(new Date(date));
}
