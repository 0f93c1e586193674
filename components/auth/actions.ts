"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { DEV_PROVIDER_ID, devNameSchema } from "@/lib/auth/config";
import { signIn, signOut } from "@/lib/auth/next-auth";
import { WECHAT_PROVIDER_ID } from "@/lib/auth/wechat-provider";

/** Only same-site paths: never let a crafted link bounce the user to another site. */
function safeReturnPath(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/me";
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
  const provider = form.get("kind") === "qr" ? WECHAT_PROVIDER_ID.qr : WECHAT_PROVIDER_ID.oa;
  await signInOrExplain(provider, {}, returnTo);
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
