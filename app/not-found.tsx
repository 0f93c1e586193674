import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageShell } from "@/components/ui/page-shell";

export const metadata: Metadata = { title: "页面不存在" };

// Also what a shared link to a removed or pulled-off listing lands on: lead back to the search.
export default function NotFound() {
  return (
    <PageShell title="页面不存在" back="/">
      <Card className="space-y-4 text-center">
        <p className="text-sm text-stone-600">你要找的页面不存在，房源可能已经下架或删除。</p>
        <ButtonLink href="/" block>
          去找房
        </ButtonLink>
      </Card>
    </PageShell>
  );
}
