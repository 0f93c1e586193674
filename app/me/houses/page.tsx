import type { Metadata } from "next";
import { MyHouses } from "@/components/landlord/my-houses";
import { ButtonLink } from "@/components/ui/button";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";

export const metadata: Metadata = { title: "我的房源" };

export default async function MyHousesPage() {
  await requirePageUser("/me/houses");
  return (
    <PageShell title="我的房源" action={<ButtonLink href="/me/houses/new">发布房源</ButtonLink>}>
      <MyHouses />
    </PageShell>
  );
}
