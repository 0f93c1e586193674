import { redirect } from "next/navigation";
import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";
import { type CurrentUser, userById } from "@/lib/auth/current-user";
import { env } from "@/lib/env";

// Lazy config: secrets and providers are read per request at run time, never at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const settings = env();
  // next-auth takes its public URL only from AUTH_URL; without it, OAuth redirect_uri values are
  // guessed from forwarded headers (and came out as localhost behind `next start -H`). APP_URL is
  // the public origin everything else already uses.
  process.env.AUTH_URL = `${settings.APP_URL}/api/auth`;
  return authConfig(settings);
});

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
