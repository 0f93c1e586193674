"use client";

import { useState } from "react";
import { RefundPhotos } from "@/components/viewing/refund-photos";
import { SlotSelect } from "@/components/viewing/slot-select";
import { chinaDateTime } from "@/lib/china-time";
import { useAction } from "@/lib/forms/use-action";
import { downscaleImage, MAX_DOCUMENT_SIDE } from "@/lib/images/downscale";
import { api } from "@/lib/swr/fetcher";
import type { ViewingRequestItem } from "@/lib/swr/hooks";
import {
  MAX_REFUND_PHOTOS,
  PHOTO_REASONS,
  REFUND_REASON_TEXT,
  REFUND_REASONS,
  type RefundReason,
  type Slot,
  type ViewingAction,
} from "@/lib/viewings/states";

const button =
  "rounded-full border border-stone-300 px-3 py-2 text-sm text-stone-700 disabled:opacity-60";
const primary =
  "rounded-full bg-brand px-3 py-2 text-sm font-medium text-white disabled:opacity-60";
const field = "rounded border border-stone-300 px-2 py-2 text-sm";

type Form = "propose" | "refund" | "contest" | null;

/** The request's state, its next deadline and the actions the user may take now. */
export function RequestActions({
  item,
  onChanged,
}: {
  item: ViewingRequestItem;
  onChanged: () => unknown;
}) {
  const [form, setForm] = useState<Form>(null);
  const [date, setDate] = useState("");
  const [slot, setSlot] = useState<Slot>("afternoon");
  const [reason, setReason] = useState<RefundReason>("unreachable");
  const [text, setText] = useState("");
  const [photos, setPhotos] = useState<File[]>([]);
  const order = { pre_order_id: item.id };
  const allowed = new Set<ViewingAction>(item.actions.map((each) => each.action));
  const next = item.deadlines[0];
  const refundReason: RefundReason = item.status === 3 ? "not_as_described" : reason;

  const action = useAction(async (work: () => Promise<unknown>) => {
    await work();
    setForm(null);
    await onChanged();
  });
  const { run, pending: busy, failure: error } = action;
  const landlord = (response: "accept" | "propose" | "let" | "unreachable" | "shown") =>
    run(() =>
      api("/api/order/landlord_respond", {
        form: response === "propose" ? { ...order, response, date, slot } : { ...order, response },
      }),
    );
  const answer = (value: "accept" | "decline" | "reachable") =>
    run(() => api("/api/order/respond_to_proposal", { form: { ...order, answer: value } }));
  // The actions the answer allows, in this order; each a button.
  const buttons: {
    action: ViewingAction;
    label: string;
    primary?: boolean;
    onClick: () => void;
  }[] = [
    { action: "accept_time", label: "确认看房", primary: true, onClick: () => landlord("accept") },
    { action: "propose_time", label: "提议其他时间", onClick: () => setForm("propose") },
    { action: "mark_shown", label: "已带看", onClick: () => landlord("shown") },
    { action: "mark_unreachable", label: "联系不上租客", onClick: () => landlord("unreachable") },
    {
      action: "mark_let",
      label: "房源已出租",
      onClick: () => {
        if (window.confirm("确认房源已出租？租客将获得全额退款，房源会下架。"))
          void landlord("let");
      },
    },
    {
      action: "accept_proposal",
      label: "接受这个时间",
      primary: true,
      onClick: () => answer("accept"),
    },
    { action: "decline_proposal", label: "不接受", onClick: () => answer("decline") },
    {
      action: "confirm_reachable",
      label: "我可以联系",
      primary: true,
      onClick: () => answer("reachable"),
    },
    {
      action: "confirm_viewing",
      label: "已看房",
      primary: true,
      onClick: () => run(() => api("/api/order/confirm_viewing", { form: order })),
    },
    { action: "request_refund", label: "申请退款", onClick: () => setForm("refund") },
    {
      action: "accept_refund",
      label: "同意退款",
      primary: true,
      onClick: () =>
        run(() => api("/api/order/refund_decision", { form: { ...order, decision: "accept" } })),
    },
    { action: "contest_refund", label: "有异议", onClick: () => setForm("contest") },
  ];

  return (
    <div className="space-y-2 text-sm" data-testid="viewing-state">
      <p className="font-medium text-stone-800">{item.phase_text}</p>
      {item.preferred_time && <p className="text-stone-600">期望时间：{item.preferred_time}</p>}
      {item.proposed_time && item.phase === "time_proposed" && (
        <p className="text-stone-600">房东提议：{item.proposed_time}</p>
      )}
      {item.agreed_time && <p className="text-stone-600">约定时间：{item.agreed_time}</p>}
      {item.message && <p className="text-stone-600">留言：{item.message}</p>}
      {item.refund?.reason_text && (
        <p className="text-stone-600">
          退款原因：{item.refund.reason_text}
          {item.refund.text && `（${item.refund.text}）`}
        </p>
      )}
      <RefundPhotos urls={item.refund?.photos ?? []} />
      {next && (
        <p className="text-amber-800" data-testid="viewing-deadline">
          {chinaDateTime(next.at)} 前：{next.text}
        </p>
      )}
      {error && (
        <p role="alert" className="rounded bg-red-50 p-2 text-red-700">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {buttons
          .filter((each) => allowed.has(each.action))
          .map((each) => (
            <button
              key={each.action}
              type="button"
              className={each.primary ? primary : button}
              disabled={busy}
              onClick={each.onClick}
            >
              {each.label}
            </button>
          ))}
      </div>
      {form === "propose" && (
        <div className="flex flex-wrap items-center gap-2">
          <label className="sr-only" htmlFor={`date-${item.id}`}>
            看房日期
          </label>
          <input
            id={`date-${item.id}`}
            type="date"
            className={field}
            value={date}
            onChange={(event) => setDate(event.target.value)}
          />
          <SlotSelect aria-label="时段" className={field} value={slot} onChange={setSlot} />
          <button
            type="button"
            className={primary}
            disabled={busy || !date}
            onClick={() => landlord("propose")}
          >
            发送提议
          </button>
        </div>
      )}
      {form === "refund" && (
        <div className="space-y-2">
          <select
            aria-label="退款原因"
            className={`${field} w-full`}
            value={reason}
            onChange={(event) => setReason(event.target.value as RefundReason)}
          >
            {(item.status === 3 ? (["not_as_described"] as const) : REFUND_REASONS).map((each) => (
              <option key={each} value={each}>
                {REFUND_REASON_TEXT[each]}
              </option>
            ))}
          </select>
          <textarea
            aria-label="退款说明"
            className={`${field} w-full`}
            maxLength={500}
            placeholder="说明情况（选择“其他”时必填）"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          {PHOTO_REASONS.has(refundReason) && (
            <label className="block text-stone-600">
              照片（可选，最多 {MAX_REFUND_PHOTOS} 张，仅房东和平台可见）
              <input
                type="file"
                accept="image/*"
                multiple
                className="mt-1 block w-full text-sm"
                onChange={(event) =>
                  setPhotos([...(event.target.files ?? [])].slice(0, MAX_REFUND_PHOTOS))
                }
              />
            </label>
          )}
          <button
            type="button"
            className={primary}
            disabled={busy}
            onClick={() =>
              run(async () => {
                const body = new FormData();
                body.append("pre_order_id", String(item.id));
                body.append("reason", refundReason);
                body.append("text", text);
                if (PHOTO_REASONS.has(refundReason))
                  for (const photo of photos)
                    body.append("photos", await downscaleImage(photo, MAX_DOCUMENT_SIDE));
                return api("/api/order/request_refund", { form: body });
              })
            }
          >
            提交退款申请
          </button>
        </div>
      )}
      {form === "contest" && (
        <div className="space-y-2">
          <textarea
            aria-label="异议理由"
            className={`${field} w-full`}
            maxLength={500}
            placeholder="请说明理由，平台会核实后处理"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <button
            type="button"
            className={primary}
            disabled={busy || !text.trim()}
            onClick={() =>
              run(() =>
                api("/api/order/refund_decision", {
                  form: { ...order, decision: "contest", reason: text },
                }),
              )
            }
          >
            提交异议
          </button>
        </div>
      )}
    </div>
  );
}
