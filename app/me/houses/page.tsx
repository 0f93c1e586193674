import type { Metadata } from "next";
import { EarningsSummary } from "@/components/earnings/earnings-summary";
import { MyHouses } from "@/components/landlord/my-houses";
import { ButtonLink } from "@/components/ui/button";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";
import { commissionRates } from "@/lib/earnings/commissions";
import { houseEarnings } from "@/lib/earnings/wallet";

export const metadata: Metadata = { title: "我的房源" };

export default async function MyHousesPage() {
  const user = await requirePageUser("/me/houses");
  const perHouse = await houseEarnings(user.id);
  let pendingCents = 0;
  let settledCents = 0;
  for (const earned of perHouse.values()) {
    pendingCents += earned.pendingCents;
    settledCents += earned.settledCents;
  }
  return (
    <PageShell title="我的房源" action={<ButtonLink href="/me/houses/new">发布房源</ButtonLink>}>
      <div className="space-y-4">
        <EarningsSummary
          title="服务费分成"
          rule={`租客看房完成后，你获得该房源看房服务费的 ${commissionRates().landlordSharePercent}% 分成。`}
          pendingCents={pendingCents}
          settledCents={settledCents}
          testId="house-earnings"
        />
        <MyHouses earnings={Object.fromEntries(perHouse)} />
      </div>
    </PageShell>
  );
}
