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
