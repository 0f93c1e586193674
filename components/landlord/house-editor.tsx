"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { mutate } from "swr";
import { MISSING_ITEMS, STEP_FIELDS, STEPS, type StepId } from "@/components/landlord/house-steps";
import { type DivisionOptions, LocationStep } from "@/components/landlord/location-step";
import { MediaStep } from "@/components/landlord/media-step";
import { ReleasedNotice } from "@/components/landlord/released-notice";
import { StepForm } from "@/components/landlord/step-form";
import { VerificationLink } from "@/components/landlord/verification-link";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/field";
import { Card, LoadingBlock } from "@/components/ui/page-shell";
import { HOUSE_STATUS, StatusBadge } from "@/components/ui/status-badge";
import { useAction } from "@/lib/forms/use-action";
import { ApiRequestError, api, errorText } from "@/lib/swr/fetcher";
import { keys, useHouse } from "@/lib/swr/hooks";

/**
 * Listing editor in short steps. Without a house id only the first step is shown; saving it
 * creates the draft and continues on the edit page of the new listing.
 */
export function HouseEditor({
  houseId,
  initialStep,
  divisions,
  tileUrl,
}: {
  houseId: number | null;
  initialStep: StepId;
  divisions: DivisionOptions;
  tileUrl: string;
}) {
  const router = useRouter();
  const [step, setStep] = useState<StepId>(houseId ? initialStep : "basic");
  const { data: house, error, isLoading, mutate: refresh } = useHouse(houseId);
  if (houseId && isLoading) return <LoadingBlock />;
  if (houseId && (error || !house)) return <Notice>{errorText(error)}</Notice>;
  if (house && !house.is_owner) return <Notice>只能编辑自己的房源。</Notice>;

  const goTo = (next: StepId) => {
    setStep(next);
    if (houseId) window.history.replaceState(null, "", `/me/houses/${houseId}/edit?step=${next}`);
    window.scrollTo({ top: 0 });
  };
  const nextOf = (current: StepId): StepId => {
    const index = STEPS.findIndex((s) => s.id === current);
    return STEPS[Math.min(index + 1, STEPS.length - 1)]?.id ?? "release";
  };
  const afterSave = async (savedId: number) => {
    if (!houseId) {
      await mutate(keys.myHouses);
      router.replace(`/me/houses/${savedId}/edit?step=location`);
      return;
    }
    await refresh();
    goTo(nextOf(step));
  };
  const status = house ? HOUSE_STATUS[house.status] : undefined;

  return (
    <div className="space-y-4">
      <nav aria-label="编辑步骤" className="-mx-4 overflow-x-auto px-4">
        <ol className="flex gap-2">
          {STEPS.map((item, index) => {
            const current = item.id === step;
            const enabled = houseId !== null || item.id === "basic";
            return (
              <li key={item.id} className="shrink-0">
                <button
                  type="button"
                  disabled={!enabled}
                  aria-current={current ? "step" : undefined}
                  ref={current ? revealStep : undefined}
                  onClick={() => goTo(item.id)}
                  className={`rounded-full px-3 py-1.5 text-xs ${current ? "bg-brand text-white" : enabled ? "bg-white text-stone-700" : "bg-stone-100 text-stone-400"}`}
                >
                  {index + 1}. {item.label}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      {status && (
        <p className="flex items-center gap-2 text-xs text-stone-500">
          房源 #{houseId} <StatusBadge tone={status.tone}>{status.label}</StatusBadge>
        </p>
      )}
      {step === "location" && houseId ? (
        <LocationStep
          key={`location-${house?.longitude}-${house?.latitude}`}
          houseId={houseId}
          house={house}
          divisions={divisions}
          tileUrl={tileUrl}
          onSaved={() => afterSave(houseId)}
        />
      ) : step === "media" && houseId ? (
        <MediaStep
          houseId={houseId}
          house={house}
          onChanged={() => refresh()}
          onNext={() => goTo("release")}
        />
      ) : step === "release" && houseId ? (
        <ReleaseStep
          houseId={houseId}
          status={house?.status ?? 0}
          linkedVerification={house?.ownership.property_verification_id ?? null}
          title={house?.description_title || house?.district_name || `房源 #${houseId}`}
          coverUrl={house?.cover_url ?? null}
          onStep={goTo}
          onReleased={() => refresh()}
        />
      ) : (
        <StepForm
          key={`${step}-${houseId}`}
          houseId={houseId}
          house={house}
          fields={STEP_FIELDS[step] ?? []}
          submitLabel={houseId ? "保存并继续" : "创建草稿并继续"}
          onSaved={afterSave}
        />
      )}
    </div>
  );
}

/** Scrolls the sideways step list so the current step shows (a phone fits about four). */
function revealStep(chip: HTMLButtonElement | null) {
  const list = chip?.closest("nav");
  if (!chip || !list) return;
  const chipBox = chip.getBoundingClientRect();
  const listBox = list.getBoundingClientRect();
  list.scrollLeft += chipBox.left - listBox.left - (listBox.width - chipBox.width) / 2;
}

function ReleaseStep({
  houseId,
  status,
  linkedVerification,
  title,
  coverUrl,
  onStep,
  onReleased,
}: {
  houseId: number;
  status: number;
  linkedVerification: number | null;
  title: string;
  coverUrl: string | null;
  onStep: (step: StepId) => void;
  onReleased: () => Promise<unknown>;
}) {
  const [released, setReleased] = useState(false);
  const release = useAction(async () => {
    await api("/api/house_release", { form: { house_id: houseId } });
    setReleased(true);
    await Promise.all([onReleased(), mutate(keys.myHouses)]);
  });
  const missing =
    (release.error instanceof ApiRequestError &&
      (release.error.ans as { missing?: string[] } | null)?.missing) ||
    [];

  // Longitude and latitude are one item for the landlord.
  const items = [
    ...new Map(
      missing.map((name) => [MISSING_ITEMS[name]?.label ?? name, MISSING_ITEMS[name]]),
    ).entries(),
  ];

  return (
    <Card className="space-y-4">
      <h2 className="text-base font-semibold">发布房源</h2>
      <p className="text-sm text-stone-600">
        发布后租客即可在地图和列表中看到这套房源，你可以随时下架。
      </p>
      <VerificationLink houseId={houseId} linkedId={linkedVerification} onChanged={onReleased} />
      {released ? (
        <ReleasedNotice houseId={houseId} title={title} coverUrl={coverUrl} />
      ) : (
        status === 1 && <Notice tone="success">这套房源已发布。</Notice>
      )}
      {items.length > 0 && (
        <div role="alert" className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-3">
          <p className="text-sm font-medium text-amber-900">还缺少以下信息：</p>
          <ul className="space-y-1 text-sm" data-testid="release-missing">
            {items.map(([label, item]) => (
              <li key={label} className="flex items-center justify-between">
                <span>{label}</span>
                {item?.step ? (
                  <button
                    type="button"
                    className="text-brand underline"
                    onClick={() => onStep(item.step as StepId)}
                  >
                    去填写
                  </button>
                ) : item?.href ? (
                  <Link className="text-brand underline" href={item.href}>
                    去填写
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      )}
      {release.failure && missing.length === 0 && <Notice>{release.failure}</Notice>}
      {status !== 1 && !released && (
        <Button block busy={release.pending} onClick={() => release.run()}>
          发布房源
        </Button>
      )}
    </Card>
  );
}
