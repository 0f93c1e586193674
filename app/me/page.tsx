import type { Metadata } from "next";
import Link from "next/link";
import { signOutAction } from "@/components/auth/actions";
import { NotificationBell } from "@/components/notifications/bell";
import { Button } from "@/components/ui/button";
import { Card, PageShell } from "@/components/ui/page-shell";
import { StatusBadge, VERIFICATION_STATUS } from "@/components/ui/status-badge";
import { requirePageUser } from "@/lib/auth/next-auth";
import { unreadCount } from "@/lib/notifications/notify";
import { displayName } from "@/lib/users/display-name";
import { ownProfile } from "@/lib/users/profile";
import { verificationStatus } from "@/lib/verifications/review";

export const metadata: Metadata = { title: "我的" };

function propertyState(list: { status: string }[]): string {
  if (list.some((item) => item.status === "approved")) return "approved";
  if (list.some((item) => item.status === "pending")) return "pending";
  return list[0]?.status ?? "none";
}

export default async function MePage() {
  const user = await requirePageUser("/me");
  const [profile, verification] = await Promise.all([
    ownProfile(user.id),
    verificationStatus(user.id),
  ]);
  const name = displayName(profile.nickname, profile.wx_nickname) ?? `用户${profile.id}`;
  const avatar = profile.headimgurl ?? profile.wx_headimgurl;
  const identity = VERIFICATION_STATUS[verification.identity.status];
  const property = VERIFICATION_STATUS[propertyState(verification.property)];
  const menu = [
    {
      href: "/me/profile",
      label: "个人资料",
      extra: profile.profile_saved ? null : <StatusBadge tone="warning">待完善</StatusBadge>,
    },
    {
      href: "/me/verify/identity",
      label: "实名认证",
      extra: identity && <StatusBadge tone={identity.tone}>{identity.label}</StatusBadge>,
    },
    {
      href: "/me/verify/property",
      label: "房东认证",
      extra: property && <StatusBadge tone={property.tone}>{property.label}</StatusBadge>,
    },
    { href: "/me/houses", label: "我的房源", extra: null },
    { href: "/me/houses/new", label: "发布房源", extra: null },
    { href: "/notifications", label: "通知", extra: null },
    { href: "/viewings", label: "我的看房", extra: null },
    { href: "/alipay", label: "支付宝与芝麻分", extra: null },
    { href: "/invite", label: "邀请好友", extra: null },
    { href: "/wallet", label: "我的收益", extra: null },
    ...(user.role === "admin"
      ? [
          { href: "/admin/verifications", label: "认证审核（管理员）", extra: null },
          { href: "/admin/withdrawals", label: "提现审核（管理员）", extra: null },
        ]
      : []),
  ];

  return (
    <PageShell
      title="我的"
      action={<NotificationBell initialUnread={await unreadCount(user.id)} />}
    >
      <Card className="flex items-center gap-4">
        {avatar ? (
          // biome-ignore lint/performance/noImgElement: avatar from our file API or WeChat
          <img src={avatar} alt="头像" className="h-16 w-16 rounded-full object-cover" />
        ) : (
          <div className="flex h-16 w-16 items-center justify-center rounded-full bg-brand/10 text-2xl text-brand">
            {name.slice(0, 1)}
          </div>
        )}
        <div className="min-w-0">
          <p className="truncate text-lg font-semibold" data-testid="me-name">
            {name}
          </p>
          <p className="text-xs text-stone-500">ID {profile.id}</p>
        </div>
      </Card>
      <Card className="p-0">
        <ul className="divide-y divide-stone-100">
          {menu.map((item) => (
            <li key={item.href}>
              <Link
                href={item.href}
                className="flex min-h-12 items-center justify-between px-4 text-sm"
              >
                <span>{item.label}</span>
                <span className="flex items-center gap-2 text-stone-400">{item.extra}›</span>
              </Link>
            </li>
          ))}
        </ul>
      </Card>
      <form action={signOutAction}>
        <Button type="submit" variant="secondary" block>
          退出登录
        </Button>
      </form>
    </PageShell>
  );
}
