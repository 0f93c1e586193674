// WeChat's in-app browser blocks Alipay pages (wap pay and openauth authorization), so
// pages that lead there show an "open in the system browser" guide instead.

export function isWechatUserAgent(userAgent: string | null | undefined): boolean {
  return /MicroMessenger/i.test(userAgent ?? "");
}
