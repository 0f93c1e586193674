"use client";

import { type ReactNode, useState } from "react";
import useSWR from "swr";
import { BEDROOM_CHOICES, RENT_PRESETS, SIZE_PRESETS } from "@/components/search/options";
import { clearedFilters, listQuery, type SearchState } from "@/components/search/search-state";
import { HOUSE_SOURCES, ORIENTATIONS } from "@/lib/houses/labels";
import { DECORATIONS, FEATURES } from "@/lib/houses/vocabulary";
import type { SearchCount } from "@/lib/search/search-houses";
import { fetcher } from "@/lib/swr/fetcher";

function Chip({
  on,
  onClick,
  children,
}: {
  on: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-pressed={on}
      onClick={onClick}
      className={`rounded-full border px-3 py-1.5 text-sm ${on ? "border-brand bg-orange-50 font-medium text-brand-dark" : "border-stone-200 bg-white text-stone-700"}`}
    >
      {children}
    </button>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-stone-900">{title}</legend>
      <div className="flex flex-wrap gap-2">{children}</div>
    </fieldset>
  );
}

const toggle = <T,>(values: T[], value: T) =>
  values.includes(value) ? values.filter((item) => item !== value) : [...values, value];

const amount = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : null);

type Draft = Pick<
  SearchState,
  | "rentMin"
  | "rentMax"
  | "sizeMin"
  | "sizeMax"
  | "time"
  | "room"
  | "beds"
  | "dir"
  | "deco"
  | "src"
  | "feat"
  | "owner"
  | "area"
>;

/** "23", or "1000+" past the count's cap. */
export function countText(count: SearchCount): string {
  return count.more ? `${count.count}+` : String(count.count);
}

/** All filters in one sheet; nothing is searched until 查看房源 applies the draft. */
export function FilterSheet({
  state,
  counties,
  onApply,
  onClose,
}: {
  state: SearchState;
  /** The chosen city's 区县 as [code, name]. */
  counties: [number, string][];
  onApply: (filters: Draft) => void;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(state);
  // How many listings the draft finds, before applying it.
  const { data: count } = useSWR<SearchCount>(
    `/api/search_count?${listQuery({ ...state, ...draft })}`,
    fetcher,
    { keepPreviousData: true },
  );
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const samePair = (pair: [number | null, number | null], min: number | null, max: number | null) =>
    pair[0] === min && pair[1] === max;

  return (
    <div className="fixed inset-0 z-40 flex items-end justify-center bg-black/40 md:items-center">
      <div
        role="dialog"
        aria-modal="true"
        aria-label="筛选"
        className="flex max-h-[85dvh] w-full max-w-xl flex-col rounded-t-2xl bg-stone-50 md:rounded-2xl"
      >
        <header className="flex items-center justify-between border-b border-stone-200 px-4 py-3">
          <h2 className="font-semibold">筛选</h2>
          <button type="button" onClick={onClose} aria-label="关闭" className="px-2 text-xl">
            ×
          </button>
        </header>
        <div className="flex-1 space-y-5 overflow-y-auto px-4 py-4">
          {counties.length > 0 && (
            <Group title="区域">
              <Chip on={draft.area.length === 0} onClick={() => set({ area: [] })}>
                不限
              </Chip>
              {counties.map(([code, name]) => (
                <Chip
                  key={code}
                  on={draft.area.includes(code)}
                  onClick={() => set({ area: toggle(draft.area, code) })}
                >
                  {name}
                </Chip>
              ))}
            </Group>
          )}
          <Group title="租金（元/月）">
            {RENT_PRESETS.map((preset) => (
              <Chip
                key={preset.label}
                on={samePair(preset.value, draft.rentMin, draft.rentMax)}
                onClick={() =>
                  samePair(preset.value, draft.rentMin, draft.rentMax)
                    ? set({ rentMin: null, rentMax: null })
                    : set({ rentMin: preset.value[0], rentMax: preset.value[1] })
                }
              >
                {preset.label}
              </Chip>
            ))}
            <div className="flex w-full items-center gap-2 text-sm">
              <input
                inputMode="numeric"
                aria-label="最低租金"
                placeholder="最低"
                value={draft.rentMin ?? ""}
                onChange={(event) => set({ rentMin: amount(event.target.value) })}
                className="w-24 rounded-lg border border-stone-300 px-2 py-1.5"
              />
              <span>—</span>
              <input
                inputMode="numeric"
                aria-label="最高租金"
                placeholder="最高"
                value={draft.rentMax ?? ""}
                onChange={(event) => set({ rentMax: amount(event.target.value) })}
                className="w-24 rounded-lg border border-stone-300 px-2 py-1.5"
              />
              <span className="text-stone-500">元</span>
            </div>
          </Group>
          <Group title="出租方式">
            <Chip on={draft.room === null} onClick={() => set({ room: null })}>
              不限
            </Chip>
            <Chip on={draft.room === 1} onClick={() => set({ room: 1 })}>
              整租
            </Chip>
            <Chip on={draft.room === 2} onClick={() => set({ room: 2 })}>
              单间
            </Chip>
          </Group>
          <Group title="租期">
            <Chip on={draft.time === null} onClick={() => set({ time: null })}>
              不限
            </Chip>
            <Chip on={draft.time === 2} onClick={() => set({ time: 2 })}>
              长租
            </Chip>
            <Chip on={draft.time === 1} onClick={() => set({ time: 1 })}>
              短租
            </Chip>
          </Group>
          <Group title="卧室">
            {BEDROOM_CHOICES.map((beds) => (
              <Chip
                key={beds}
                on={draft.beds.includes(beds)}
                onClick={() => set({ beds: toggle(draft.beds, beds) })}
              >
                {beds}室
              </Chip>
            ))}
          </Group>
          <Group title="面积">
            {SIZE_PRESETS.map((preset) => (
              <Chip
                key={preset.label}
                on={samePair(preset.value, draft.sizeMin, draft.sizeMax)}
                onClick={() =>
                  samePair(preset.value, draft.sizeMin, draft.sizeMax)
                    ? set({ sizeMin: null, sizeMax: null })
                    : set({ sizeMin: preset.value[0], sizeMax: preset.value[1] })
                }
              >
                {preset.label}
              </Chip>
            ))}
          </Group>
          <Group title="朝向">
            {ORIENTATIONS.map((value) => (
              <Chip
                key={value}
                on={draft.dir.includes(value)}
                onClick={() => set({ dir: toggle(draft.dir, value) })}
              >
                {value}
              </Chip>
            ))}
          </Group>
          <Group title="装修">
            {DECORATIONS.map((value) => (
              <Chip
                key={value}
                on={draft.deco.includes(value)}
                onClick={() => set({ deco: toggle(draft.deco, value) })}
              >
                {value}
              </Chip>
            ))}
          </Group>
          <Group title="房东">
            <Chip on={draft.owner} onClick={() => set({ owner: !draft.owner })}>
              只看房东本人
            </Chip>
          </Group>
          <Group title="房源来源">
            {Object.entries(HOUSE_SOURCES).map(([code, name]) => (
              <Chip
                key={code}
                on={draft.src.includes(Number(code))}
                onClick={() => set({ src: toggle(draft.src, Number(code)) })}
              >
                {name}
              </Chip>
            ))}
          </Group>
          <Group title="房源特色">
            {FEATURES.map((value) => (
              <Chip
                key={value}
                on={draft.feat.includes(value)}
                onClick={() => set({ feat: toggle(draft.feat, value) })}
              >
                {value}
              </Chip>
            ))}
          </Group>
        </div>
        <footer className="flex gap-3 border-t border-stone-200 bg-white px-4 py-3 pb-[max(0.75rem,env(safe-area-inset-bottom))]">
          <button
            type="button"
            onClick={() => setDraft((current) => ({ ...current, ...clearedFilters }))}
            className="flex-1 rounded-full border border-stone-300 py-2.5 text-sm"
          >
            重置
          </button>
          <button
            type="button"
            onClick={() => onApply(draft)}
            data-testid="apply-filters"
            className="flex-[2] rounded-full bg-brand py-2.5 text-sm font-medium text-white"
          >
            {count ? `查看 ${countText(count)} 套房源` : "查看房源"}
          </button>
        </footer>
      </div>
    </div>
  );
}
