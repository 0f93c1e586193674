// client-safe: used by server pages (request headers) and by the browser (navigator.userAgent).

/** WeChat's in-app browser identifies itself with "MicroMessenger" in the user agent. */
export function isWechatBrowser(userAgent: string | null | undefined): boolean {
  return /MicroMessenger/i.test(userAgent ?? "");
}

/** Where a page sends a signed-in user inside WeChat to get their Official Account openid. */
export function officialAccountOpenidHref(returnTo: string): string {
  return `/api/wechat/oa_openid?return_to=${encodeURIComponent(returnTo)}`;
}
