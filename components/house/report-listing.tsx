"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice, Select, TextInput } from "@/components/ui/field";
import { useAction } from "@/lib/forms/use-action";
import { api } from "@/lib/swr/fetcher";

const REASONS = [
  [1, "已出租"],
  [2, "虚假房源"],
  [3, "中介冒充房东"],
  [4, "价格不符"],
  [5, "其他"],
] as const;

/** 举报 for signed-in visitors; the platform reviews reports (three, or one from a paying tenant, hold the listing). */
export function ReportListing({ houseId, signedIn }: { houseId: number; signedIn: boolean }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("1");
  const [text, setText] = useState("");
  const [sent, setSent] = useState(false);
  const sending = useAction(async () => {
    await api("/api/moderation/report", {
      form: { house_id: houseId, reason: Number(reason), text: text.trim() },
    });
    setSent(true);
  });
  const result = sent
    ? { ok: true, text: "已收到举报，平台会尽快核实" }
    : sending.failure
      ? { ok: false, text: sending.failure }
      : null;
  const busy = sending.pending;
  if (!signedIn) return null;
  if (!open)
    return (
      <button
        type="button"
        className="text-xs text-stone-400 underline"
        onClick={() => setOpen(true)}
      >
        举报
      </button>
    );

  const send = () => void sending.run();

  return (
    <div className="w-full space-y-2 rounded-lg bg-white p-3 shadow-sm">
      <Select
        aria-label="举报原因"
        value={reason}
        options={REASONS}
        onChange={(e) => setReason(e.target.value)}
      />
      <TextInput
        aria-label="补充说明"
        placeholder="补充说明（选择“其他”时必填）"
        value={text}
        maxLength={500}
        onChange={(e) => setText(e.target.value)}
      />
      {result && <Notice tone={result.ok ? "info" : undefined}>{result.text}</Notice>}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={() => setOpen(false)}>
          取消
        </Button>
        <Button variant="danger" busy={busy} disabled={result?.ok} onClick={send}>
          提交举报
        </Button>
      </div>
    </div>
  );
}
