import "server-only";
import { redirect } from "next/navigation";
import { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";
import { type CurrentUser, userById } from "@/lib/auth/current-user";
import { env } from "@/lib/env";

// Lazy config: secrets and providers are read per request at run time, never at build time.
const nextAuth = NextAuth(() => {
  const settings = env();
  // next-auth takes its public URL only from AUTH_URL; without it, OAuth redirect_uri values are
  // guessed from forwarded headers (and came out as localhost behind `next start -H`). APP_URL is
  // the public origin everything else already uses.
  process.env.AUTH_URL = `${settings.APP_URL}/api/auth`;
  return authConfig(settings);
});

const { auth } = nextAuth;
export const { signIn, signOut } = nextAuth;

/**
 * Auth.js builds absolute redirects (its error page, `/login?error=…`) from the request's origin
 * as Next reports it, and Next reports a loopback APP_URL (127.0.0.1, [::1]) as localhost, which
 * is another origin for the browser and its cookies. Such redirects are sent to APP_URL instead.
 */
function onAppOrigin(handler: (request: NextRequest) => Promise<Response>) {
  return async (request: NextRequest): Promise<Response> => {
    const response = await handler(request);
    const location = response.headers.get("location");
    if (!location) return response;
    const app = new URL(env().APP_URL);
    const seenAs = [new URL(request.url).origin, new NextRequest(app).nextUrl.origin];
    const target = new URL(location, app);
    if (target.origin === app.origin || !seenAs.includes(target.origin)) return response;
    const headers = new Headers(response.headers);
    headers.set("location", `${app.origin}${target.pathname}${target.search}${target.hash}`);
    return new Response(response.body, { status: response.status, headers });
  };
}

export const handlers = {
  GET: onAppOrigin(nextAuth.handlers.GET),
  POST: onAppOrigin(nextAuth.handlers.POST),
};

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
