import type { Metadata } from "next";
import { EarningsSummary } from "@/components/earnings/earnings-summary";
import { Invite } from "@/components/landlord/invite";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";
import { commissionRates, INVITE_REWARD_DAYS } from "@/lib/earnings/commissions";
import { inviteEarnings } from "@/lib/earnings/wallet";

export const metadata: Metadata = { title: "邀请好友" };

export default async function InvitePage() {
  const user = await requirePageUser("/invite");
  const earnings = await inviteEarnings(user.id);
  const rates = commissionRates();
  return (
    <PageShell title="邀请好友" back="/me">
      <div className="space-y-4">
        <EarningsSummary
          title="邀请收入"
          rule={`好友填写你的邀请码后 ${INVITE_REWARD_DAYS} 天内支付的看房服务费，看房完成后你获得 ${rates.inviteRewardPercent}% 奖励（好友看你自己的房源时除外）。`}
          pendingCents={earnings.pending_cents}
          settledCents={earnings.settled_cents}
          testId="invite-earnings"
        />
        <Invite />
      </div>
    </PageShell>
  );
}
