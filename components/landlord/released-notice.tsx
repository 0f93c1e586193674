"use client";

import { ShareButton } from "@/components/house/share-button";
import { WechatShare } from "@/components/house/wechat-share";
import { ButtonLink, buttonClass } from "@/components/ui/button";

/**
 * 发布成功: the listing is live; a preview of the page tenants see and a share action (inside
 * WeChat the ··· menu shares the listing's card, elsewhere Web Share or a copied link).
 */
export function ReleasedNotice({
  houseId,
  title,
  coverUrl,
}: {
  houseId: number;
  title: string;
  coverUrl: string | null;
}) {
  const link = `/houses/${houseId}`;
  return (
    <div
      role="status"
      data-testid="released-notice"
      className="space-y-3 rounded-lg border border-emerald-200 bg-emerald-50 p-3"
    >
      <WechatShare
        title={title}
        desc="直租 · 房东直租，无中介费"
        imagePath={coverUrl}
        linkPath={link}
      />
      <p className="text-base font-semibold text-emerald-900">发布成功</p>
      <p className="text-sm text-emerald-900">租客现在可以在地图和列表中看到这套房源。</p>
      <div className="flex flex-wrap gap-2">
        <ButtonLink href={link} variant="secondary">
          预览房源
        </ButtonLink>
        <ShareButton
          title={title}
          text="直租 · 房东直租，无中介费"
          url={link}
          className={buttonClass("secondary")}
        />
      </div>
    </div>
  );
}
