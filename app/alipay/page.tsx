import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AlipayAccount } from "@/components/alipay/alipay-account";
import { PageShell } from "@/components/ui/page-shell";
import { pageUser } from "@/lib/auth/next-auth";
import { isWechatBrowser } from "@/lib/wechat/user-agent";

export const metadata: Metadata = { title: "支付宝与芝麻分" };

type Props = { searchParams: Promise<{ bind?: string; reason?: string }> };

// Alipay's binding callback lands here with ?bind=ok or ?bind=failed&reason=….
export default async function AlipayPage({ searchParams }: Props) {
  const { bind, reason } = await searchParams;
  if (!(await pageUser())) redirect(`/login?callbackUrl=${encodeURIComponent("/alipay")}`);
  const inWechat = isWechatBrowser((await headers()).get("user-agent"));
  return (
    <PageShell title="支付宝与芝麻分" back="/me">
      <AlipayAccount
        inWechat={inWechat}
        bindResult={bind === "ok" || bind === "failed" ? bind : null}
        bindReason={typeof reason === "string" ? reason : null}
      />
    </PageShell>
  );
}
