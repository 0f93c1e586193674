import type { ReactNode } from "react";

export type Tone = "neutral" | "success" | "warning" | "danger" | "info";

const tones: Record<Tone, string> = {
  neutral: "bg-stone-100 text-stone-700",
  success: "bg-emerald-100 text-emerald-800",
  warning: "bg-amber-100 text-amber-800",
  danger: "bg-red-100 text-red-700",
  info: "bg-sky-100 text-sky-800",
};

export function StatusBadge({ tone = "neutral", children }: { tone?: Tone; children: ReactNode }) {
  return (
    <span
      className={`inline-flex shrink-0 items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${tones[tone]}`}
    >
      {children}
    </span>
  );
}

/** Legacy listing status numbers: 0 draft, 1 published, 2 offline. */
export const HOUSE_STATUS: Record<number, { label: string; tone: Tone }> = {
  0: { label: "草稿", tone: "neutral" },
  1: { label: "已发布", tone: "success" },
  2: { label: "已下架", tone: "warning" },
};

export const VERIFICATION_STATUS: Record<string, { label: string; tone: Tone }> = {
  none: { label: "未认证", tone: "neutral" },
  pending: { label: "审核中", tone: "info" },
  approved: { label: "已通过", tone: "success" },
  rejected: { label: "未通过", tone: "danger" },
};
