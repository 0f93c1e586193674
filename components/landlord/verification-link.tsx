"use client";

import Link from "next/link";
import { useState } from "react";
import { Notice, Select } from "@/components/ui/field";
import { api, errorText } from "@/lib/swr/fetcher";
import { useVerificationStatus } from "@/lib/swr/hooks";

// Which property verification proves this flat (the 房东本人 / 转租 badge is per listing).
// Rejected verifications and ones whose documents were purged cannot be linked.

export function VerificationLink({
  houseId,
  linkedId,
  onChanged,
}: {
  houseId: number;
  linkedId: number | null;
  onChanged: () => Promise<unknown>;
}) {
  const { data } = useVerificationStatus();
  const [failure, setFailure] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const choices = (data?.property ?? []).filter(
    (item) => item.status !== "rejected" && (!item.documents_deleted || item.id === linkedId),
  );

  async function choose(value: string) {
    setFailure(null);
    setNote(null);
    try {
      const answer = await api("/api/link_house_verification", {
        form: { house_id: houseId, property_verification_id: Number(value || 0) },
      });
      if (answer.link_pending) setNote("已关联，平台核对证上地址与房源一致后显示标识");
      await onChanged();
    } catch (error) {
      setFailure(errorText(error));
    }
  }

  return (
    <div className="space-y-2">
      <label htmlFor="house-verification" className="block text-sm font-medium text-stone-700">
        房产认证（证明这套房）
      </label>
      <Select
        id="house-verification"
        value={linkedId ? String(linkedId) : ""}
        placeholder="不关联（不显示房东本人标识）"
        options={choices.map((item) => [
          item.id,
          `${item.address || item.property_cert_number} · ${item.house_type === 2 ? "转租" : "自有"}${item.status === "pending" ? "（审核中）" : ""}`,
        ])}
        onChange={(event) => choose(event.target.value)}
      />
      <p className="text-xs text-stone-500">
        只有证上产权人与实名认证是同一人时，房源才显示“房东本人”。
        <Link href="/me/verify/property" className="ml-1 text-brand underline">
          新的房产认证
        </Link>
      </p>
      {note && <Notice tone="info">{note}</Notice>}
      {failure && <Notice>{failure}</Notice>}
    </div>
  );
}
