"use client";

import { type ReactNode, useState } from "react";

/**
 * Shown instead of navigating to an Alipay page inside WeChat, which blocks them: the user copies
 * the link into the phone's browser, or opens this page there via ··· → 在浏览器打开.
 */
export function OpenInBrowserGuide({
  url,
  purpose,
  children,
}: {
  url: string;
  purpose: string;
  /** What to do back in WeChat afterwards. */
  children?: ReactNode;
}) {
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("done");
    } catch {
      // Older WeChat web views lack the async clipboard: select the text for a long-press copy.
      const field = document.getElementById("open-in-browser-link") as HTMLTextAreaElement | null;
      field?.select();
      setCopied(document.execCommand?.("copy") ? "done" : "failed");
    }
  }

  return (
    <section
      aria-labelledby="open-in-browser-title"
      className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
    >
      <h2 id="open-in-browser-title" className="text-base font-semibold">
        请在手机浏览器中{purpose}
      </h2>
      <p className="mt-1">微信内无法打开支付宝页面。请任选一种方式继续：</p>
      <ol className="mt-2 list-decimal space-y-1 pl-5">
        <li>
          点右上角 <strong>···</strong> → 选择 <strong>在浏览器打开</strong>
          ，在浏览器里再点一次按钮；
        </li>
        <li>或复制下面的链接，粘贴到 Safari、Chrome 等浏览器的地址栏打开。</li>
      </ol>
      <textarea
        id="open-in-browser-link"
        readOnly
        value={url}
        rows={3}
        aria-label="支付宝链接"
        className="mt-3 w-full resize-none rounded border border-amber-200 bg-white p-2 font-mono text-xs text-stone-700"
        onFocus={(event) => event.currentTarget.select()}
      />
      <div className="mt-2 flex items-center gap-3">
        <button
          type="button"
          onClick={copy}
          className="rounded-full bg-amber-500 px-4 py-1.5 font-medium text-white active:bg-amber-600"
        >
          复制链接
        </button>
        <span role="status" className="text-xs">
          {copied === "done" && "已复制，请到浏览器中粘贴打开"}
          {copied === "failed" && "复制失败，请长按上面的链接手动复制"}
        </span>
      </div>
      {children}
    </section>
  );
}
