"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const items = [
  {
    href: "/",
    label: "找房",
    icon: "⌂",
    match: (path: string) => path === "/" || path.startsWith("/houses"),
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
    match: (path: string) => path.startsWith("/me") && !path.startsWith("/me/houses"),
  },
];

export function BottomNav() {
  const path = usePathname() ?? "/";
  return (
    <nav
      aria-label="主导航"
      className="fixed inset-x-0 bottom-0 z-20 border-t border-stone-200 bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur"
    >
      <ul className="mx-auto flex max-w-xl">
        {items.map((item) => {
          const active = item.match(path);
          return (
            <li key={item.href} className="flex-1">
              <Link
                href={item.href}
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
