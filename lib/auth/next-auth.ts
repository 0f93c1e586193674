import { redirect } from "next/navigation";
import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";
import { type CurrentUser, userById } from "@/lib/auth/current-user";
import { env } from "@/lib/env";

// Lazy config: secrets and providers are read per request at run time, never at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig(env()));

/** The signed-in user for server components, with the current role from the database. */
export async function pageUser(): Promise<CurrentUser | null> {
  const session = await auth();
  const id = Number(session?.user?.id);
  return Number.isInteger(id) && id > 0 ? userById(id) : null;
}

/** For pages that need a signed-in user: sends everyone else to the login page and back. */
export async function requirePageUser(returnTo: string): Promise<CurrentUser> {
  const user = await pageUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
