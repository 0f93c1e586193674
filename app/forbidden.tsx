import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageShell } from "@/components/ui/page-shell";

export const metadata: Metadata = { title: "无权访问" };

// Rendered with HTTP 403 wherever a page calls forbidden() (admin pages for other users).
export default function Forbidden() {
  return (
    <PageShell title="无权访问" back="/me">
      <Card className="space-y-4 text-center">
        <p className="text-sm text-stone-600">403 · 你没有权限查看这个页面，它仅对管理员开放。</p>
        <ButtonLink href="/me" block>
          返回我的
        </ButtonLink>
      </Card>
    </PageShell>
  );
}
