"use client";

import Link from "next/link";
import { useState } from "react";
import { ContactCard } from "@/components/viewing/contact-card";
import { RequestActions } from "@/components/viewing/request-actions";
import { isPaid } from "@/components/viewing/types";
import { chinaDateTime } from "@/lib/china-time";
import { errorText } from "@/lib/swr/fetcher";
import { useViewingRequests, type ViewingRequestItem } from "@/lib/swr/hooks";

function RequestCard({
  item,
  role,
  onChanged,
}: {
  item: ViewingRequestItem;
  role: "tenant" | "landlord";
  onChanged: () => unknown;
}) {
  const paid = isPaid(item.status);
  return (
    <li className="space-y-3 rounded-lg bg-white p-3 shadow-sm" data-testid="viewing-request">
      <Link href={`/houses/${item.listing.house_id}`} className="flex gap-3">
        {item.listing.cover_thumb_url && (
          // biome-ignore lint/performance/noImgElement: thumbnail from our own file route
          <img
            src={item.listing.cover_thumb_url}
            alt=""
            className="h-16 w-20 shrink-0 rounded object-cover"
          />
        )}
        <div className="min-w-0 flex-1">
          <p className="truncate font-medium">{item.listing.title || "房源"}</p>
          <p className="text-sm text-stone-500">
            ¥{item.listing.rent}/月 · {role === "tenant" ? "房东" : "看房人"}{" "}
            {item.counterpart_nickname || "未署名"}
          </p>
          <p className="text-xs text-stone-400">
            申请于 {chinaDateTime(item.created_at)}
            {item.payment_provider_text && ` · ${item.payment_provider_text}支付`}
          </p>
        </div>
        <span
          className={`h-fit shrink-0 rounded-full px-2 py-0.5 text-xs ${paid ? "bg-emerald-100 text-emerald-800" : "bg-amber-100 text-amber-800"}`}
        >
          {item.status_text}
        </span>
      </Link>
      {item.tenant_credit_band && (
        <p className="text-sm text-stone-700" data-testid="tenant-credit-band">
          看房人芝麻分 <span className="font-semibold text-sky-700">{item.tenant_credit_band}</span>
        </p>
      )}
      {paid && <RequestActions item={item} onChanged={onChanged} />}
      {item.contact && (
        <ContactCard
          title={role === "tenant" ? "房东联系方式" : "看房人联系方式"}
          contact={item.contact}
        />
      )}
      {role === "tenant" && !paid && (
        <Link
          href={`/houses/${item.listing.house_id}/viewing`}
          className="flex min-h-11 items-center justify-center rounded-full bg-brand text-sm font-medium text-white"
        >
          去支付看房信息费
        </Link>
      )}
    </li>
  );
}

/** 我的看房: the tenant's own requests, and paid requests on the user's listings. */
export function ViewingList() {
  const { data, error, isLoading, mutate } = useViewingRequests();
  const [chosenTab, setTab] = useState<"tenant" | "landlord" | null>(null);
  if (error) {
    return (
      <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-700">
        {errorText(error)}
      </p>
    );
  }
  if (isLoading || !data) return <p className="p-4 text-center text-stone-500">加载中…</p>;
  // Landlords see a request once it is paid: that is when the tenant's contact is revealed.
  const received = data.as_landlord.filter((item) => isPaid(item.status));
  // A landlord without requests of their own opens on the requests they received.
  const tab =
    chosenTab ?? (data.as_tenant.length === 0 && received.length > 0 ? "landlord" : "tenant");
  const items = tab === "tenant" ? data.as_tenant : received;
  const tabs = [
    { key: "tenant", label: `我的申请 ${data.as_tenant.length}` },
    { key: "landlord", label: `收到的预约 ${received.length}` },
  ] as const;
  return (
    <div className="space-y-3">
      <div role="tablist" className="flex rounded-full bg-stone-200 p-1 text-sm">
        {tabs.map(({ key, label }) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            onClick={() => setTab(key)}
            className={`flex-1 rounded-full py-1.5 ${tab === key ? "bg-white font-medium shadow" : "text-stone-600"}`}
          >
            {label}
          </button>
        ))}
      </div>
      {items.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-center text-sm text-stone-500">
          {tab === "tenant" ? (
            <>
              还没有看房申请，
              <Link href="/" className="text-brand underline">
                去找房
              </Link>
            </>
          ) : (
            "你的房源还没有收到已付费的看房预约"
          )}
        </p>
      ) : (
        <ul className="space-y-3">
          {items.map((item) => (
            <RequestCard key={item.id} item={item} role={tab} onChanged={() => mutate()} />
          ))}
        </ul>
      )}
    </div>
  );
}
