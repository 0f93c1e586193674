import "client-only";
// Browser side of WeChat's JS-SDK (client-safe: no server imports). Loads /jweixin-1.6.0.js
// from our origin and calls wx.config only inside WeChat's browser; elsewhere every helper is
// a no-op. iOS WeChat verifies the signature against the URL the page was first opened with,
// Android against the current one (and wx.config must be called again after a client-side
// navigation), so the signed URL, and the config, are chosen per platform.
import { isWechatBrowser } from "@/lib/wechat/user-agent";

interface WechatShareData {
  title: string;
  desc: string;
  link: string;
  imgUrl: string;
}

interface WechatSdk {
  config(options: {
    debug?: boolean;
    appId: string;
    timestamp: number;
    nonceStr: string;
    signature: string;
    jsApiList: string[];
  }): void;
  ready(callback: () => void): void;
  error(callback: (error: unknown) => void): void;
  updateAppMessageShareData(data: WechatShareData): void;
  updateTimelineShareData(data: Omit<WechatShareData, "desc">): void;
  chooseImage(options: {
    count: number;
    sizeType: string[];
    sourceType: string[];
    success: (result: { localIds: string[] }) => void;
    fail: (error: unknown) => void;
    cancel: () => void;
  }): void;
}

const SDK_SRC = "/jweixin-1.6.0.js";
const JS_API_LIST = ["updateAppMessageShareData", "updateTimelineShareData", "chooseImage"];

/** A page URL as WeChat signs it: without its `#fragment`. */
export function withoutFragment(href: string): string {
  const index = href.indexOf("#");
  return index === -1 ? href : href.slice(0, index);
}

const landingUrl = typeof window === "undefined" ? "" : withoutFragment(window.location.href);
let script: Promise<WechatSdk> | undefined;
const configured = new Map<string, Promise<WechatSdk | null>>();

function loadSdk(): Promise<WechatSdk> {
  if (!script)
    script = new Promise((resolve, reject) => {
      const element = document.createElement("script");
      element.src = SDK_SRC;
      element.async = true;
      element.onload = () => {
        const sdk = (window as unknown as { wx?: WechatSdk }).wx;
        if (sdk) resolve(sdk);
        else reject(new Error("JS-SDK did not define wx"));
      };
      element.onerror = () => reject(new Error("JS-SDK failed to load"));
      document.head.appendChild(element);
    });
  return script;
}

async function configure(url: string): Promise<WechatSdk | null> {
  const [sdk, response] = await Promise.all([
    loadSdk(),
    fetch(`/api/wechat/jssdk_config?url=${encodeURIComponent(url)}`),
  ]);
  const body = (await response.json()) as {
    status: number;
    ans: { appId: string; timestamp: number; nonceStr: string; signature: string };
  };
  if (body.status !== 0) return null;
  return new Promise((resolve) => {
    sdk.config({ ...body.ans, jsApiList: JS_API_LIST });
    sdk.ready(() => resolve(sdk));
    sdk.error(() => resolve(null));
  });
}

/** The configured JS-SDK, or null outside WeChat or when configuration failed. */
function wechatSdk(): Promise<WechatSdk | null> {
  if (typeof window === "undefined" || !isWechatBrowser(navigator.userAgent)) {
    return Promise.resolve(null);
  }
  const ios = /iPhone|iPad|iPod/i.test(navigator.userAgent);
  const url = ios ? landingUrl : withoutFragment(window.location.href);
  let pending = configured.get(url);
  if (!pending) {
    pending = configure(url).catch(() => null);
    configured.set(url, pending);
  }
  return pending;
}

/** Sets the card WeChat shows when the page is shared to a chat or to Moments. */
export async function setWechatShare(share: WechatShareData): Promise<void> {
  const sdk = await wechatSdk();
  if (!sdk) return;
  sdk.updateAppMessageShareData(share);
  sdk.updateTimelineShareData({ title: share.title, link: share.link, imgUrl: share.imgUrl });
}
