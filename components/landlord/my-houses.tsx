"use client";

import Link from "next/link";
import { useState } from "react";
import { HouseTrustPanel } from "@/components/landlord/house-trust";
import { ReleasedNotice } from "@/components/landlord/released-notice";
import { Button, ButtonLink } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Notice } from "@/components/ui/field";
import { Card, LoadingBlock } from "@/components/ui/page-shell";
import { HOUSE_STATUS, StatusBadge } from "@/components/ui/status-badge";
import { useAction } from "@/lib/forms/use-action";
import { centsToYuan } from "@/lib/payments/money";
import { ApiRequestError, api, errorText } from "@/lib/swr/fetcher";
import { type HouseStats, type MyHouse, useMyHouseStats, useMyHouses } from "@/lib/swr/hooks";

export type HouseEarnings = Record<number, { pendingCents: number; settledCents: number }>;

export function MyHouses({ earnings = {} }: { earnings?: HouseEarnings }) {
  const { data, error, isLoading, mutate } = useMyHouses();
  const { data: stats } = useMyHouseStats();
  if (isLoading) return <LoadingBlock />;
  if (error || !data) return <Notice>{errorText(error)}</Notice>;
  if (data.length === 0) {
    return (
      <Card className="space-y-3 text-center">
        <p className="text-sm text-stone-600">你还没有房源</p>
        <ButtonLink href="/me/houses/new" block>
          发布第一套房源
        </ButtonLink>
      </Card>
    );
  }
  return (
    <ul className="space-y-3">
      {data.map((house) => (
        <li key={house.id}>
          <HouseCard
            house={house}
            earned={earnings[house.id]}
            stats={stats?.find((item) => item.house_id === house.id)}
            onChanged={() => mutate()}
          />
        </li>
      ))}
    </ul>
  );
}

function HouseCard({
  house,
  earned,
  stats,
  onChanged,
}: {
  house: MyHouse;
  earned?: HouseEarnings[number];
  stats: HouseStats | undefined;
  onChanged: () => Promise<unknown>;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [released, setReleased] = useState(false);
  const status = HOUSE_STATUS[house.status] ?? { label: "未知", tone: "neutral" as const };
  const title = house.description_title || house.district_name || `房源 #${house.id}`;

  const action = useAction(
    async (name: "house_release" | "pulloff_house" | "delete_house_info") => {
      setBusy(name);
      try {
        await api(`/api/${name}`, { form: { house_id: house.id } });
        setReleased(name === "house_release");
        await onChanged();
      } finally {
        setBusy(null);
      }
    },
  );
  const act = action.run;
  const missing =
    action.error instanceof ApiRequestError
      ? (action.error.ans as { missing?: string[] } | null)?.missing
      : undefined;
  const failure = missing?.includes("verification_code")
    ? "北京、上海的房源须填写房源核验码，请先在编辑页补全后再发布"
    : missing?.length
      ? "信息不完整，请先在编辑页补全后再发布"
      : action.error
        ? errorText(action.error)
        : null;

  return (
    <Card className="space-y-3">
      <div className="flex gap-3" data-testid={`my-house-${house.id}`}>
        {house.cover_thumb_url ? (
          // biome-ignore lint/performance/noImgElement: thumbnail from our file API
          <img
            src={house.cover_thumb_url}
            alt=""
            className="h-20 w-24 shrink-0 rounded-lg object-cover"
          />
        ) : (
          <div className="flex h-20 w-24 shrink-0 items-center justify-center rounded-lg bg-stone-100 text-xs text-stone-400">
            暂无照片
          </div>
        )}
        <div className="min-w-0 flex-1 space-y-1">
          <div className="flex items-start justify-between gap-2">
            <Link href={`/me/houses/${house.id}/edit`} className="line-clamp-2 text-sm font-medium">
              {title}
            </Link>
            <StatusBadge tone={status.tone}>{status.label}</StatusBadge>
          </div>
          <p className="text-sm font-semibold text-brand">
            {house.house_rent ? `¥${house.house_rent}/月` : "未填租金"}
          </p>
          <p className="text-xs text-stone-500">
            {house.house_size ? `${house.house_size}㎡ · ` : ""}
            {house.house_photo.length} 张照片 · 创建于 {house.create_date}
          </p>
          {earned && (
            <p className="text-xs text-emerald-700" data-testid={`house-earned-${house.id}`}>
              服务费分成：已结算 ¥{centsToYuan(earned.settledCents)} · 待结算 ¥
              {centsToYuan(earned.pendingCents)}
            </p>
          )}
        </div>
      </div>
      <HouseTrustPanel house={house} onChanged={onChanged} />
      {stats && <StatsTable stats={stats} />}
      {released && (
        <ReleasedNotice houseId={house.id} title={title} coverUrl={house.cover_thumb_url} />
      )}
      {failure && <Notice>{failure}</Notice>}
      <div className="flex flex-wrap justify-end gap-2">
        {/* The page tenants see, and the link to share in WeChat. */}
        {house.status === 1 && (
          <ButtonLink href={`/houses/${house.id}`} variant="ghost">
            查看
          </ButtonLink>
        )}
        <ButtonLink href={`/me/houses/${house.id}/edit`} variant="secondary">
          编辑
        </ButtonLink>
        {house.status === 1 ? (
          <Button
            variant="secondary"
            busy={busy === "pulloff_house"}
            onClick={() => act("pulloff_house")}
          >
            下架
          </Button>
        ) : (
          <Button busy={busy === "house_release"} onClick={() => act("house_release")}>
            发布
          </Button>
        )}
        <ConfirmButton
          title="删除房源"
          message={`确定删除“${title}”吗？照片和视频会一并删除，无法恢复。`}
          confirmLabel="删除"
          busy={busy === "delete_house_info"}
          onConfirm={() => act("delete_house_info")}
        >
          删除
        </ConfirmButton>
      </div>
    </Card>
  );
}

const STAT_COLUMNS = [
  ["views", "浏览"],
  ["favorites", "收藏"],
  ["viewing_requests", "预约"],
  ["paid_requests", "已付费"],
] as const;

/** Views (once per visitor a day), favourites and viewing requests over 7 and 30 days. */
function StatsTable({ stats }: { stats: HouseStats }) {
  return (
    <table
      className="w-full text-center text-xs text-stone-600"
      data-testid={`stats-${stats.house_id}`}
    >
      <thead>
        <tr>
          <th scope="col" className="text-left font-normal">
            <span className="sr-only">时间</span>
          </th>
          {STAT_COLUMNS.map(([key, label]) => (
            <th key={key} scope="col" className="font-normal">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {(
          [
            ["days_7", "近 7 天"],
            ["days_30", "近 30 天"],
          ] as const
        ).map(([period, label]) => (
          <tr key={period}>
            <th scope="row" className="text-left font-normal">
              {label}
            </th>
            {STAT_COLUMNS.map(([key]) => (
              <td key={key} className="font-semibold text-stone-800">
                {stats[period][key]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
