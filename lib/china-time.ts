// client-safe: client components import it, so no server imports (scripts/check-layers.ts).
// China has one time zone (UTC+8, no daylight saving). Dates shown to users and the legacy
// `create_date` fields are in China time, whatever the server's or the browser's zone.

const CHINA_TIME_ZONE = "Asia/Shanghai";

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
  return dateFormat.format(new Date(date));
}

/** Date and time in China for display, e.g. `2026/03/02 07:30`. */
export function chinaDateTime(date: Date | string | number): string {
  return dateTimeFormat.format(new Date(date));
}
