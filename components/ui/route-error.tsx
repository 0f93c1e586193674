"use client";

import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/field";

/** Body of a route segment's error.tsx: what failed, and a retry. */
export function RouteError({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl space-y-4 p-4">
      <Notice>页面加载失败，请检查网络后重试。</Notice>
      <Button onClick={reset} block>
        重试
      </Button>
    </main>
  );
}
