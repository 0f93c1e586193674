"use client";

import { useState } from "react";
import { ReasonField, useDecision } from "@/components/admin/decision";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/field";
import { Card, LoadingBlock } from "@/components/ui/page-shell";
import { chinaDateTime } from "@/lib/china-time";
import { api, errorText } from "@/lib/swr/fetcher";
import { type ModerationItem, useAdminModeration } from "@/lib/swr/hooks";

// The admin's moderation queue: held and reported listings with the evidence, and the four
// decisions (each with a reason the landlord is told).

const DECISIONS = [
  ["keep", "保留"],
  ["require_changes", "要求修改"],
  ["take_down", "下架"],
  ["relabel_agent", "标记为中介"],
] as const;

type Listing = ModerationItem["listing"];

export function ModerationQueue() {
  const { data, error, isLoading, mutate } = useAdminModeration();
  if (isLoading) return <LoadingBlock />;
  if (error || !data) return <Notice>{errorText(error)}</Notice>;
  return (
    <div className="space-y-4">
      {data.items.length === 0 && <Notice tone="info">没有待处理的房源。</Notice>}
      {data.items.map((item) => (
        <CaseCard key={item.listing.id} item={item} onDecided={() => mutate()} />
      ))}
    </div>
  );
}

function ListingPanel({ listing, label }: { listing: Listing; label: string }) {
  return (
    <div className="space-y-1 rounded-lg border border-stone-200 p-2">
      <p className="text-xs text-stone-500">{label}</p>
      <a href={`/houses/${listing.id}`} className="text-sm font-medium underline">
        #{listing.id} {listing.title ?? "（无标题）"}
      </a>
      <p className="text-xs text-stone-500">
        房东 {listing.owner_nickname}（用户 {listing.owner_id}
        {listing.owner_user_type_text ? ` · ${listing.owner_user_type_text}` : ""}）
        {listing.moderation_state_text ? ` · ${listing.moderation_state_text}` : ""}
      </p>
      <p className="text-xs text-stone-500">{listing.address}</p>
      <div className="grid grid-cols-3 gap-1">
        {listing.photos.map((photo) => (
          // biome-ignore lint/performance/noImgElement: small thumbnails of the evidence
          <img
            key={photo.id}
            src={photo.thumb_url}
            alt=""
            className="aspect-[4/3] w-full rounded object-cover"
          />
        ))}
      </div>
    </div>
  );
}

function CaseCard({
  item,
  onDecided,
}: {
  item: ModerationItem;
  onDecided: () => Promise<unknown>;
}) {
  const [chosen, setChosen] = useState<string | null>(null);
  const id = item.listing.id;
  const action = useDecision((decision: (typeof DECISIONS)[number][0], reason) => {
    setChosen(decision);
    return api("/api/admin/moderation_decide", { form: { house_id: id, decision, reason } });
  }, onDecided);
  const busy = action.pending ? chosen : null;

  const copied = item.flags.find((flag) => flag.other_listing);
  return (
    <Card className="space-y-3">
      <div data-testid={`moderation-${id}`} className="space-y-3">
        <div className={copied?.other_listing ? "grid grid-cols-2 gap-2" : ""}>
          <ListingPanel listing={item.listing} label="被审核的房源" />
          {copied?.other_listing && (
            <ListingPanel listing={copied.other_listing} label="照片相同的房源（其他账号）" />
          )}
        </div>
        {item.certificate && (
          <p className="text-xs text-stone-600">
            关联房产认证 #{item.certificate.id}（
            {item.certificate.house_type === 2 ? "转租" : "自有"}，{item.certificate.status}
            ）：证上地址 {item.certificate.address || "未填写"}
            {item.link_confirmed ? " · 地址已核对" : " · 地址待核对（“保留”即确认一致）"}
          </p>
        )}
        <ul className="space-y-1 text-sm">
          {item.flags.map((flag) => (
            <li key={flag.id} className="flex gap-2">
              {flag.photo_url && (
                // biome-ignore lint/performance/noImgElement: the photo in question
                <img
                  src={flag.photo_url}
                  alt="本房源的照片"
                  className="h-12 w-16 rounded object-cover"
                />
              )}
              {flag.other_photo_url && (
                // biome-ignore lint/performance/noImgElement: the matching photo
                <img
                  src={flag.other_photo_url}
                  alt="相同的照片"
                  className="h-12 w-16 rounded object-cover"
                />
              )}
              <span>
                {flag.detail}
                <span className="block text-xs text-stone-400">
                  {chinaDateTime(flag.created_at)}
                </span>
              </span>
            </li>
          ))}
          {item.reports.map((report) => (
            <li key={`r${report.id}`}>
              举报：{report.reason_text}
              {report.text ? `（${report.text}）` : ""}
              {report.paid_viewing ? " · 已付看房费的租客" : ""}
              <span className="block text-xs text-stone-400">
                用户 {report.reporter_id} · {chinaDateTime(report.created_at)}
              </span>
            </li>
          ))}
          {item.decisions.map((decision) => (
            <li key={`d${decision.id}`} className="text-xs text-stone-500">
              此前决定：{decision.decision_text}（{decision.reason}）
              {decision.appeal_text ? ` · 房东申诉：${decision.appeal_text}` : ""}
            </li>
          ))}
        </ul>
        <ReasonField
          id={`moderation-reason-${id}`}
          label="告知房东的原因"
          decision={action}
          maxLength={500}
        />
        {action.failure && !action.reasonError ? <Notice>{action.failure}</Notice> : null}
        <div className="flex flex-wrap justify-end gap-2">
          {DECISIONS.map(([decision, label]) => (
            <Button
              key={decision}
              variant={decision === "keep" ? "primary" : "danger"}
              busy={busy === decision}
              disabled={!action.reason.trim() || busy !== null}
              onClick={() => action.run(decision)}
            >
              {label}
            </Button>
          ))}
        </div>
      </div>
    </Card>
  );
}
