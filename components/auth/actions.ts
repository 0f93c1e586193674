"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { DEV_PROVIDER_ID, devNameSchema } from "@/lib/auth/config";
import { signIn, signOut } from "@/lib/auth/next-auth";
import { WECHAT_PROVIDER_ID, wechatAuthorizeUrl } from "@/lib/auth/wechat-provider";
import { env } from "@/lib/env";
import { safeLocalPath } from "@/lib/urls";

/** Only same-site paths: never let a crafted link bounce the user to another site. */
function safeReturnPath(value: FormDataEntryValue | null): string {
  return safeLocalPath(value, "/me");
}

function loginErrorPath(error: string, returnTo: string): string {
  return `/login?error=${encodeURIComponent(error)}&callbackUrl=${encodeURIComponent(returnTo)}`;
}

async function signInOrExplain(
  provider: string,
  options: Record<string, string>,
  returnTo: string,
) {
  try {
    await signIn(provider, { ...options, redirectTo: returnTo });
  } catch (error) {
    // signIn redirects by throwing; only Auth.js failures are turned into a message.
    if (error instanceof AuthError) redirect(loginErrorPath(error.type, returnTo));
    throw error;
  }
}

export async function devSignIn(form: FormData): Promise<void> {
  const returnTo = safeReturnPath(form.get("callbackUrl"));
  const name = devNameSchema.safeParse(form.get("name"));
  if (!name.success) redirect(loginErrorPath("dev_name", returnTo));
  await signInOrExplain(DEV_PROVIDER_ID, { name: name.data }, returnTo);
}

export async function wechatSignIn(form: FormData): Promise<void> {
  const returnTo = safeReturnPath(form.get("callbackUrl"));
  const kind = form.get("kind") === "qr" ? "qr" : "oa";
  let authjsUrl: string;
  try {
    authjsUrl = await signIn(WECHAT_PROVIDER_ID[kind], { redirectTo: returnTo, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) redirect(loginErrorPath(error.type, returnTo));
    throw error;
  }
  // Go straight to WeChat: a same-origin redirect would make the client router fetch the
  // authorize hop (and follow it through WeChat to our callback) before navigating.
  const settings = env();
  const target = wechatAuthorizeUrl(kind, new URL(authjsUrl), {
    appId: kind === "oa" ? settings.WECHAT_APP_ID : settings.WECHAT_WEB_APP_ID,
    openBase: settings.WECHAT_OPEN_BASE,
  });
  redirect(target ?? loginErrorPath("Configuration", returnTo));
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
