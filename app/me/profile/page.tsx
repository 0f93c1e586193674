import type { Metadata } from "next";
import { ProfileForm } from "@/components/landlord/profile-form";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";
import { CONSTELLATIONS, EDUCATION_LEVELS } from "@/lib/users/profile-fields";

export const metadata: Metadata = { title: "个人资料" };

export default async function ProfilePage() {
  await requirePageUser("/me/profile");
  return (
    <PageShell title="个人资料" back="/me">
      <ProfileForm educationLevels={[...EDUCATION_LEVELS]} constellations={[...CONSTELLATIONS]} />
    </PageShell>
  );
}
