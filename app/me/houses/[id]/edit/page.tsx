import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { divisionOptions } from "@/components/landlord/division-options";
import { HouseEditor } from "@/components/landlord/house-editor";
import { STEPS, type StepId } from "@/components/landlord/house-steps";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "编辑房源" };

export default async function EditHousePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ step?: string }>;
}) {
  const { id } = await params;
  const houseId = Number(id);
  if (!Number.isInteger(houseId) || houseId <= 0) notFound();
  await requirePageUser(`/me/houses/${houseId}/edit`);
  const { step } = await searchParams;
  const initialStep = STEPS.some((s) => s.id === step) ? (step as StepId) : "basic";
  return (
    <PageShell title="编辑房源" back="/me/houses" nav={false}>
      <HouseEditor
        houseId={houseId}
        initialStep={initialStep}
        divisions={await divisionOptions()}
        tileUrl={env().MAP_TILE_URL}
      />
    </PageShell>
  );
}
