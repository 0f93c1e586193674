"use client";

import { useState } from "react";
import { ReasonField, useDecision } from "@/components/admin/decision";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/field";
import { Card, LoadingBlock } from "@/components/ui/page-shell";
import { chinaDateTime } from "@/lib/china-time";
import { api, errorText } from "@/lib/swr/fetcher";
import { type AdminVerifications, useAdminVerifications } from "@/lib/swr/hooks";

type Kind = "identity" | "property";

export function VerificationReview() {
  const { data, error, isLoading, mutate } = useAdminVerifications();
  if (isLoading) return <LoadingBlock />;
  if (error || !data) return <Notice>{errorText(error)}</Notice>;
  const empty = data.identity.length === 0 && data.property.length === 0;
  return (
    <div className="space-y-4">
      {empty && <Notice tone="info">没有待审核的认证。</Notice>}
      {data.identity.length > 0 && (
        <h2 className="text-sm font-semibold text-stone-500">实名认证（{data.identity.length}）</h2>
      )}
      {data.identity.map((item) => (
        <ReviewCard
          key={`identity-${item.id}`}
          kind="identity"
          id={item.id}
          title={`${item.realname} · ${item.idcardnumber_masked}`}
          subtitle={`用户 ${item.user_id} · 提交于 ${chinaDateTime(item.submitted_at)}`}
          documents={[
            ["本人照片", item.portrait_url],
            ["身份证人像面", item.idcardfront_url],
            ["身份证国徽面", item.idcardback_url],
          ]}
          onDecided={() => mutate()}
        />
      ))}
      {data.property.length > 0 && (
        <h2 className="text-sm font-semibold text-stone-500">房东认证（{data.property.length}）</h2>
      )}
      {data.property.map((item: AdminVerifications["property"][number]) => (
        <ReviewCard
          key={`property-${item.id}`}
          kind="property"
          id={item.id}
          title={`${item.certname} · 房产证号 ${item.property_cert_number}`}
          subtitle={[
            `用户 ${item.user_id} · ${item.house_type === 2 ? "转租" : "自有"} · 身份证 ${item.idcardnumber_masked}`,
            `证上地址：${item.address || "未填写"}${item.lease_start ? ` · 租约 ${item.lease_start} 至 ${item.lease_end ?? ""}` : ""}`,
            ...item.linked_houses.map(
              (house) => `关联房源 #${house.id}：${house.address}（通过即确认地址一致）`,
            ),
          ].join("\n")}
          documents={[
            ["房产证", item.property_cert_photo_url],
            ["租赁合同", item.lease_agreement_photo_url || null],
          ]}
          onDecided={() => mutate()}
        />
      ))}
    </div>
  );
}

function ReviewCard({
  kind,
  id,
  title,
  subtitle,
  documents,
  onDecided,
}: {
  kind: Kind;
  id: number;
  title: string;
  subtitle: string;
  documents: [string, string | null][];
  onDecided: () => Promise<unknown>;
}) {
  const [rejecting, setRejecting] = useState(false);
  const decision = useDecision(
    (choice: "approve" | "reject", reason) =>
      api("/api/admin/verification_decide", {
        form: { type: kind, id, decision: choice, ...(choice === "reject" ? { reason } : {}) },
      }),
    onDecided,
  );
  const decide = decision.run;
  const busy = decision.pending;

  return (
    <Card className="space-y-3">
      <div data-testid={`review-${kind}-${id}`}>
        <p className="text-sm font-medium">{title}</p>
        <p className="whitespace-pre-line text-xs text-stone-500">{subtitle}</p>
      </div>
      <div className="grid grid-cols-3 gap-2">
        {documents
          .filter((entry): entry is [string, string] => Boolean(entry[1]))
          .map(([label, url]) => (
            <a key={label} href={url} target="_blank" rel="noreferrer" className="space-y-1">
              {/* biome-ignore lint/performance/noImgElement: private document served with the session cookie */}
              <img
                src={url}
                alt={label}
                className="aspect-[4/3] w-full rounded-lg bg-stone-100 object-cover"
              />
              <span className="block text-center text-xs text-stone-500">{label}</span>
            </a>
          ))}
      </div>
      {rejecting && (
        <ReasonField
          id={`reason-${kind}-${id}`}
          label="驳回原因（用户可见）"
          decision={decision}
          maxLength={200}
        />
      )}
      {decision.failure && !decision.reasonError && <Notice>{decision.failure}</Notice>}
      <div className="flex justify-end gap-2">
        {rejecting ? (
          <>
            <Button variant="ghost" onClick={() => setRejecting(false)}>
              取消
            </Button>
            <Button
              variant="danger"
              busy={busy}
              disabled={!decision.reason.trim()}
              onClick={() => decide("reject")}
            >
              确认驳回
            </Button>
          </>
        ) : (
          <>
            <Button variant="danger" onClick={() => setRejecting(true)}>
              驳回
            </Button>
            <Button busy={busy} onClick={() => decide("approve")}>
              通过
            </Button>
          </>
        )}
      </div>
    </Card>
  );
}
