"use client";

import { useState } from "react";

/**
 * 分享 outside WeChat: the system share sheet (Web Share API) where there is one, else the link
 * copied to the clipboard. Inside WeChat the ··· menu shares the page with its JS-SDK card.
 */
export function ShareButton({
  title,
  text,
  url: path,
  className = "flex items-center gap-1 text-sm text-stone-600",
}: {
  title: string;
  text: string;
  /** The page to share (default: this one). */
  url?: string;
  className?: string;
}) {
  const [done, setDone] = useState<string | null>(null);
  return (
    <button
      type="button"
      onClick={async () => {
        const here = window.location.href.split("#")[0] ?? window.location.href;
        const url = path ? new URL(path, window.location.origin).toString() : here;
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
      className={className}
    >
      <span aria-hidden className="text-lg leading-none">
        ⇪
      </span>
      {done ?? "分享"}
    </button>
  );
}
