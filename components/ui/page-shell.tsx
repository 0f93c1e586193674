import Link from "next/link";
import type { ReactNode } from "react";
import { BottomNav, TopNav } from "@/components/ui/bottom-nav";

/** Mobile page frame: sticky header with an optional back link, content, bottom navigation. */
export function PageShell({
  title,
  back,
  action,
  nav = true,
  children,
}: {
  title: string;
  /** Where the back arrow goes; omitted on top-level pages. */
  back?: string;
  action?: ReactNode;
  nav?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`mx-auto min-h-dvh max-w-xl ${nav ? "pb-20 lg:pb-6" : "pb-6"}`}>
      {nav && <TopNav />}
      <header className="sticky top-0 z-10 flex h-12 items-center gap-2 border-b border-stone-200 bg-white/95 px-3 backdrop-blur">
        {back && (
          <Link
            href={back}
            aria-label="返回"
            className="-ml-2 flex h-11 w-11 items-center justify-center text-xl"
          >
            ‹
          </Link>
        )}
        <h1 className="min-w-0 flex-1 truncate text-base font-semibold">{title}</h1>
        {action}
      </header>
      <main className="space-y-4 px-4 py-4">{children}</main>
      {nav && <BottomNav />}
    </div>
  );
}

/** A white rounded block for grouping content. */
export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-2xl bg-white p-4 shadow-sm ${className}`}>{children}</section>
  );
}

/** Shown while a route segment loads. */
export function LoadingBlock({ label = "加载中…" }: { label?: string }) {
  return (
    <div
      role="status"
      className="flex items-center justify-center gap-2 py-12 text-sm text-stone-500"
    >
      <span className="h-4 w-4 animate-spin rounded-full border-2 border-stone-400 border-t-transparent" />
      {label}
    </div>
  );
}
