import Link from "next/link";
import type { ReactNode } from "react";
import { VerificationBadges } from "@/components/house/verification-badges";

export interface LandlordSummary {
  id: number;
  nickname: string;
  headimgurl: string | null;
  identity_verified: boolean;
  property_verified: boolean;
}

/**
 * The landlord's avatar, name, verification badges and reliability line: on a listing (linking
 * to their public profile) and at the top of that profile.
 */
export function LandlordCard({
  owner,
  reliability,
  href,
  tag,
}: {
  owner: LandlordSummary;
  /** The reliability line, once there are enough paid requests to show it. */
  reliability: string | null;
  href?: string;
  tag?: ReactNode;
}) {
  const name = `房东 ${owner.nickname || "未署名"}`;
  return (
    <section className="flex items-center gap-3 rounded-lg bg-white p-4 shadow-sm">
      <div className="flex h-12 w-12 shrink-0 items-center justify-center overflow-hidden rounded-full bg-stone-200 text-lg text-stone-600">
        {owner.headimgurl ? (
          // biome-ignore lint/performance/noImgElement: avatar from our file route or WeChat
          <img src={owner.headimgurl} alt="" className="h-full w-full object-cover" />
        ) : (
          (owner.nickname || "房").slice(0, 1)
        )}
      </div>
      <div className="min-w-0">
        <p className="font-medium">
          {href ? (
            <Link
              href={href}
              className="inline-flex min-h-11 min-w-11 items-center underline-offset-2 hover:underline"
              data-testid="landlord-link"
            >
              {name}
            </Link>
          ) : (
            <span>{name}</span>
          )}
          {tag}
        </p>
        <div className="mt-1">
          <VerificationBadges
            identity={owner.identity_verified}
            property={owner.property_verified}
          />
        </div>
        {reliability && (
          <p className="mt-1 text-xs text-stone-500" data-testid="landlord-reliability">
            {reliability}
          </p>
        )}
      </div>
    </section>
  );
}
