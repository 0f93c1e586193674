"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

// Main navigation: a bottom tab bar on phones and tablets, a top bar from 1024 px. Links never
// prefetch: on a slow network the other tabs would compete with the page's own first request.

const items = [
  {
    href: "/",
    label: "找房",
    icon: "⌂",
    match: (path: string) => path === "/" || path.startsWith("/houses"),
  },
  {
    href: "/me/favorites",
    label: "收藏",
    icon: "♡",
    match: (path: string) => path.startsWith("/me/favorites"),
  },
  {
    href: "/viewings",
    label: "我的看房",
    icon: "◷",
    match: (path: string) => path.startsWith("/viewings"),
  },
  {
    href: "/me/houses",
    label: "我的房源",
    icon: "▦",
    match: (path: string) => path.startsWith("/me/houses"),
  },
  {
    href: "/me",
    label: "我的",
    icon: "☺",
    match: (path: string) =>
      path.startsWith("/me") && !path.startsWith("/me/houses") && !path.startsWith("/me/favorites"),
  },
];

export function BottomNav() {
  const path = usePathname() ?? "/";
  return (
    <nav
      aria-label="主导航"
      className="fixed inset-x-0 bottom-0 z-20 border-t border-stone-200 bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur lg:hidden"
    >
      <ul className="mx-auto flex max-w-xl">
        {items.map((item) => {
          const active = item.match(path);
          return (
            <li key={item.href} className="flex-1">
              <Link
                href={item.href}
                prefetch={false}
                aria-current={active ? "page" : undefined}
                className={`flex min-h-14 flex-col items-center justify-center gap-0.5 text-xs ${active ? "font-semibold text-brand" : "text-stone-500"}`}
              >
                <span aria-hidden className="text-lg leading-none">
                  {item.icon}
                </span>
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The desktop (≥ 1024 px) navigation bar; hidden below, where BottomNav takes its place. */
export function TopNav() {
  const path = usePathname() ?? "/";
  return (
    <nav
      aria-label="顶部导航"
      className="sticky top-0 z-30 hidden h-14 items-center gap-8 border-b border-stone-200 bg-white px-6 lg:flex"
    >
      <Link href="/" prefetch={false} className="text-lg font-semibold text-brand">
        直租
      </Link>
      <ul className="flex gap-6 text-sm">
        {items.map((item) => {
          const active = item.match(path);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                prefetch={false}
                aria-current={active ? "page" : undefined}
                className={
                  active ? "font-semibold text-brand" : "text-stone-600 hover:text-stone-900"
                }
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
