import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LandlordCard } from "@/components/house/landlord-card";
import { ListingCard } from "@/components/house/listing-card";
import { TopNav } from "@/components/ui/bottom-nav";
import { landlordProfile } from "@/lib/houses/landlord-profile";
import { reliabilityText } from "@/lib/viewings/reliability";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const profile = await landlordProfile((await params).id);
  return { title: profile ? `房东 ${profile.owner.nickname || "未署名"}` : "房东不存在" };
}

/** A landlord's public profile: who they are, how reliably they respond, their listings. */
export default async function LandlordProfilePage({ params }: Props) {
  const profile = await landlordProfile((await params).id);
  if (!profile) notFound();
  const { owner, listings } = profile;
  return (
    <>
      <TopNav />
      <main className="mx-auto max-w-3xl space-y-4 px-4 pb-10 pt-4">
        <h1 className="text-xl font-semibold">房东主页</h1>
        <LandlordCard
          owner={owner}
          reliability={owner.reliability && reliabilityText(owner.reliability)}
        />
        <section aria-labelledby="landlord-listings" className="space-y-3">
          <h2 id="landlord-listings" className="text-lg font-semibold">
            在租房源（{listings.length}）
          </h2>
          <ul className="space-y-3" data-testid="landlord-listings">
            {listings.map((item) => (
              <ListingCard key={item.house_id} item={item} />
            ))}
          </ul>
        </section>
      </main>
    </>
  );
}
