// client-safe: used by server pages (request headers) and by the browser (navigator.userAgent).

/** WeChat's in-app browser identifies itself with "MicroMessenger" in the user agent. */
export function isWechatBrowser(userAgent: string | null | undefined): boolean {
  return /MicroMessenger/i.test(userAgent ?? "");
}
