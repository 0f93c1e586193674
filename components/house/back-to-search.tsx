"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { LAST_SEARCH_KEY, SCROLL_KEY } from "@/components/search/search-state";

/**
 * ‹ on the detail page: back to the search the listing was opened from (same city, filters,
 * sort, map and scroll). Opened from a card, it is a history step back, like the system back;
 * opened from a shared link, it goes to the last search of this tab, else to 找房.
 */
export function BackToSearch() {
  const router = useRouter();
  const [href, setHref] = useState("/");
  useEffect(() => setHref(sessionStorage.getItem(LAST_SEARCH_KEY) ?? "/"), []);
  return (
    <a
      href={href}
      onClick={(event) => {
        event.preventDefault();
        if (sessionStorage.getItem(SCROLL_KEY) && window.history.length > 1) router.back();
        else router.push(href);
      }}
      aria-label="返回找房"
      className="absolute left-3 top-3 z-10 flex h-11 w-11 items-center justify-center rounded-full bg-black/50 text-xl text-white lg:hidden"
    >
      ‹
    </a>
  );
}
