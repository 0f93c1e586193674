import type { Metadata } from "next";
import { divisionOptions } from "@/components/landlord/division-options";
import { HouseEditor } from "@/components/landlord/house-editor";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "发布房源" };

export default async function NewHousePage() {
  await requirePageUser("/me/houses/new");
  return (
    <PageShell title="发布房源" back="/me/houses" nav={false}>
      <HouseEditor
        houseId={null}
        initialStep="basic"
        divisions={await divisionOptions()}
        tileUrl={env().MAP_TILE_URL}
      />
    </PageShell>
  );
}
