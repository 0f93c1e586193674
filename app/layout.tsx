import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SandboxBanner } from "@/components/ui/sandbox-banner";
import { isSandbox } from "@/lib/env";
import "./globals.css";

// Rendered per request: the mode banner and user state are runtime facts, not build-time ones.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "直租 · 房东直租平台", template: "%s · 直租" },
  description: "房东直租，免中介费。地图找房、实名认证、在线预约看房。",
  icons: { icon: "/icon.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#e85d2a" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-dvh font-sans">
        {isSandbox() && <SandboxBanner />}
        {children}
      </body>
    </html>
  );
}
