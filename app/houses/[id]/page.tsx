import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { BackToSearch } from "@/components/house/back-to-search";
import { FavoriteToggle } from "@/components/house/favorite-button";
import { HouseFacts } from "@/components/house/house-facts";
import { HouseShareCard } from "@/components/house/house-share-card";
import { LandlordCard } from "@/components/house/landlord-card";
import { ListingStrip } from "@/components/house/listing-strip";
import { ListingTrust } from "@/components/house/listing-trust";
import { LocationMap } from "@/components/house/location-map";
import { PhotoGallery } from "@/components/house/photo-gallery";
import { ReportListing } from "@/components/house/report-listing";
import { ShareButton } from "@/components/house/share-button";
import { TopNav } from "@/components/ui/bottom-nav";
import { CLIENT_ADDRESS_HEADER, UNKNOWN_CLIENT_ADDRESS } from "@/lib/api/client-address";
import { pageUser } from "@/lib/auth/next-auth";
import { env } from "@/lib/env";
import { favoritedIds } from "@/lib/favorites/favorites";
import { publishedHouse } from "@/lib/houses/published-house";
import { recordHouseView, visitorOf } from "@/lib/houses/stats";
import { landlordOtherHouses, similarHouses } from "@/lib/search/similar";
import { reliabilityText } from "@/lib/viewings/reliability";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const house = await publishedHouse((await params).id);
  if (!house) return { title: "房源不存在" };
  const title = house.description_title || `${house.district_name ?? ""} ${house.house_type ?? ""}`;
  const description = [
    house.house_rent ? `¥${house.house_rent}/月` : null,
    house.house_type,
    house.house_size ? `${house.house_size}㎡` : null,
    [house.city_name, house.county_name, house.district_name].filter(Boolean).join(""),
  ]
    .filter(Boolean)
    .join(" · ");
  return {
    // Shared links (WeChat, other chats) need absolute URLs for the preview image.
    metadataBase: new URL(env().APP_URL),
    title,
    description,
    openGraph: {
      title,
      description,
      type: "website",
      images: house.cover_url ? [{ url: house.cover_url }] : undefined,
    },
  };
}

export default async function HouseDetailPage({ params }: Props) {
  const house = await publishedHouse((await params).id);
  if (!house) notFound();
  const viewer = await pageUser();
  const isOwner = viewer?.id === house.owner?.id;
  const title = house.description_title || `${house.district_name ?? ""} ${house.house_type ?? ""}`;

  const about = {
    id: house.id,
    longitude: house.longitude,
    latitude: house.latitude,
    house_rent: house.house_rent,
    rent_room_type: house.rent_room_type,
  };
  const [similar, others, favorites] = await Promise.all([
    similarHouses(about),
    house.owner ? landlordOtherHouses({ ...about, owner_id: house.owner.id }) : [],
    viewer ? favoritedIds(viewer.id, [house.id]) : new Set<number>(),
  ]);
  const favorited = favorites.has(house.id);
  if (!isOwner) {
    const request = await headers();
    const visitor = visitorOf({
      userId: viewer?.id ?? null,
      address: request.get(CLIENT_ADDRESS_HEADER) ?? UNKNOWN_CLIENT_ADDRESS,
      userAgent: request.get("user-agent") ?? "",
    });
    // Counted after the response is sent: the page never waits for the statistics.
    after(() => recordHouseView(house.id, visitor));
  }
  const shareText = [
    house.house_rent ? `¥${house.house_rent}/月` : null,
    house.house_size ? `${house.house_size}㎡` : null,
    [house.county_name, house.district_name].filter(Boolean).join(""),
  ]
    .filter(Boolean)
    .join(" · ");
  const rentAndAction = (
    <>
      <p>
        <span className="text-2xl font-semibold text-brand">¥{house.house_rent ?? "—"}</span>
        <span className="text-sm text-stone-500">/月</span>
        {house.payment_type_name && (
          <span className="ml-2 text-sm text-stone-600">{house.payment_type_name}</span>
        )}
      </p>
      {isOwner ? (
        <span className="text-sm text-stone-500">这是你发布的房源</span>
      ) : (
        <Link
          href={`/houses/${house.id}/viewing`}
          className="rounded-full bg-brand px-6 py-2.5 text-center font-medium text-white shadow active:bg-brand-dark"
        >
          预约看房
        </Link>
      )}
    </>
  );

  return (
    <>
      <TopNav />
      <main className="mx-auto max-w-3xl pb-28 lg:max-w-6xl lg:px-6 lg:pb-10 lg:pt-6">
        <HouseShareCard house={house} title={title} />
        <div className="relative">
          <PhotoGallery rooms={house.photos_by_room} videos={house.videos} title={title} />
          <BackToSearch />
        </div>

        <div className="lg:mt-6 lg:grid lg:grid-cols-[1fr_320px] lg:gap-8">
          <div className="space-y-4 px-4 pt-4 lg:px-0 lg:pt-0">
            <header>
              <h1 className="text-xl font-semibold leading-snug">{title}</h1>
              <p className="mt-1 text-sm text-stone-500">
                {[house.city_name, house.county_name, house.district_name]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
              <ListingTrust house={house} />
              <div className="mt-2 flex flex-wrap items-center gap-5">
                {!isOwner && (
                  <FavoriteToggle
                    houseId={house.id}
                    initial={favorited}
                    signedIn={viewer !== null}
                  />
                )}
                <ShareButton title={title} text={shareText} />
                {house.praise_count > 0 && (
                  <span className="text-xs text-stone-400">{house.praise_count} 人收藏</span>
                )}
                {!isOwner && <ReportListing houseId={house.id} signedIn={viewer !== null} />}
              </div>
            </header>
            <HouseFacts house={house} />

            {house.house_characteristic.length > 0 && (
              <ul className="flex flex-wrap gap-2" aria-label="房源特色">
                {house.house_characteristic.map((tag) => (
                  <li
                    key={tag}
                    className="rounded bg-orange-50 px-2 py-0.5 text-xs text-brand-dark"
                  >
                    {tag}
                  </li>
                ))}
              </ul>
            )}

            {house.description && (
              <section className="rounded-lg bg-white p-4 shadow-sm">
                <h2 className="mb-2 font-medium">房源介绍</h2>
                <p className="whitespace-pre-line text-sm leading-relaxed text-stone-700">
                  {house.description}
                </p>
              </section>
            )}

            {house.videos.length > 0 && (
              <section className="rounded-lg bg-white p-4 shadow-sm">
                <h2 className="mb-2 font-medium">房源视频</h2>
                <div className="space-y-3">
                  {house.videos.map((video) =>
                    video.url ? (
                      // biome-ignore lint/a11y/useMediaCaption: landlords' walk-through clips have no captions
                      <video
                        key={video.id}
                        controls
                        playsInline
                        preload="metadata"
                        className="w-full rounded bg-black"
                      >
                        <source src={video.url} type={video.content_type} />
                      </video>
                    ) : null,
                  )}
                </div>
              </section>
            )}

            {house.longitude != null && house.latitude != null && (
              <section className="rounded-lg bg-white p-4 shadow-sm">
                <h2 className="mb-2 font-medium">位置</h2>
                <LocationMap
                  tileUrl={env().MAP_TILE_URL}
                  longitude={house.longitude}
                  latitude={house.latitude}
                  label={house.district_name ?? "房源"}
                />
                {house.traffic_condition && (
                  <p className="mt-3 text-sm text-stone-700">交通：{house.traffic_condition}</p>
                )}
                {house.around_condition && (
                  <p className="mt-1 text-sm text-stone-700">周边：{house.around_condition}</p>
                )}
                <p className="mt-1 text-xs text-stone-400">具体门牌号在看房确认后由房东提供</p>
              </section>
            )}

            {house.owner && (
              <LandlordCard
                owner={house.owner}
                reliability={house.owner.reliability && reliabilityText(house.owner.reliability)}
                href={`/landlords/${house.owner.id}`}
                tag={
                  house.house_source === 1 && (
                    <span className="ml-2 text-xs font-normal text-stone-500">房东直租</span>
                  )
                }
              />
            )}

            <ListingStrip title="附近相似房源" label="附近相似房源" items={similar} />
            <ListingStrip title="房东的其他房源" label="房东的其他房源" items={others} />
          </div>

          {/* Desktop: rent and 预约看房 stay beside the listing. */}
          <aside className="hidden lg:block">
            <div
              className="sticky top-20 flex flex-col gap-4 rounded-2xl bg-white p-5 shadow-sm"
              data-testid="side-card"
            >
              {rentAndAction}
            </div>
          </aside>
        </div>

        <div className="fixed inset-x-0 bottom-0 z-10 border-t border-stone-200 bg-white/95 px-4 py-3 backdrop-blur lg:hidden">
          <div className="mx-auto flex max-w-3xl items-center justify-between gap-4">
            {rentAndAction}
          </div>
        </div>
      </main>
    </>
  );
}
