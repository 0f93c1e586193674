"use client";

import { useState } from "react";

/**
 * 分享 outside WeChat: the system share sheet (Web Share API) where there is one, else the link
 * copied to the clipboard. Inside WeChat the ··· menu shares the page with its JS-SDK card.
 */
export function ShareButton({ title, text }: { title: string; text: string }) {
  const [done, setDone] = useState<string | null>(null);
  return (
    <button
      type="button"
      onClick={async () => {
        const url = window.location.href.split("#")[0] ?? window.location.href;
        if (navigator.share) {
          try {
            await navigator.share({ title, text, url });
          } catch {
            // Cancelled by the user: nothing to report.
          }
          return;
        }
        try {
          await navigator.clipboard.writeText(url);
          setDone("链接已复制");
        } catch {
          setDone("复制失败，请从地址栏复制链接");
        }
        setTimeout(() => setDone(null), 2500);
      }}
      className="flex items-center gap-1 text-sm text-stone-600"
    >
      <span aria-hidden className="text-lg leading-none">
        ⇪
      </span>
      {done ?? "分享"}
    </button>
  );
}
