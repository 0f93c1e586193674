import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ViewingList } from "@/components/viewing/viewing-list";
import { pageUser } from "@/lib/auth/next-auth";

export const metadata: Metadata = { title: "我的看房" };

export default async function ViewingsPage() {
  if (!(await pageUser())) redirect(`/login?callbackUrl=${encodeURIComponent("/viewings")}`);
  return (
    <main className="mx-auto max-w-xl space-y-3 p-4 pb-24">
      <h1 className="text-xl font-semibold">我的看房</h1>
      <ViewingList />
    </main>
  );
}
