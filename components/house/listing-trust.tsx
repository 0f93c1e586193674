import type { HouseDetail } from "@/lib/swr/hooks";

// What a tenant can trust about this listing: 房东本人 only when this flat's certificate and
// the landlord's verified real name are the same person, 转租 with the lease dates, the
// account's declared type (二房东/中介), the city's 房源核验码, and when it was last confirmed.

export function ListingTrust({ house }: { house: HouseDetail }) {
  const { ownership } = house;
  const userType = house.owner?.user_type;
  const label = userType === 2 || userType === 3 ? house.owner?.user_type_text : null;
  const stale = (house.confirmed_days_ago ?? 0) >= 14;
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2 text-xs" data-testid="listing-trust">
      {ownership.badge === "owner" && (
        <span className="rounded-full bg-emerald-50 px-2 py-0.5 font-medium text-emerald-700 ring-1 ring-emerald-200">
          ✓ {ownership.badge_text}
        </span>
      )}
      {ownership.badge === "relet" && (
        <span className="rounded-full bg-sky-50 px-2 py-0.5 font-medium text-sky-700 ring-1 ring-sky-200">
          {ownership.badge_text}
        </span>
      )}
      {label && (
        <span className="rounded-full bg-amber-50 px-2 py-0.5 font-medium text-amber-700 ring-1 ring-amber-200">
          {label}
        </span>
      )}
      {house.freshness_text && (
        <span className={stale ? "text-red-600" : "text-stone-500"}>{house.freshness_text}</span>
      )}
      {house.verification_code && (
        <span className="text-stone-500">房源核验码 {house.verification_code}</span>
      )}
    </div>
  );
}
