import "server-only";
import type { NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { userById } from "@/lib/auth/current-user";
import {
  SESSION_COOKIE,
  SESSION_MAX_AGE_SECONDS,
  type SessionClaims,
  sessionCookieSecure,
} from "@/lib/auth/session";
import {
  isSnapshotUser,
  WECHAT_PROVIDER_ID,
  type WechatKind,
  wechatProvider,
} from "@/lib/auth/wechat-provider";
import { type Env, env } from "@/lib/env";
import { log } from "@/lib/log";
import { authSecret } from "@/lib/secrets";
import { safeLocalPath } from "@/lib/urls";
import { displayName } from "@/lib/users/display-name";
import { upsertWechatUser } from "@/lib/users/wechat";
import type { WechatProfile } from "@/lib/wechat/oauth";

export const DEV_PROVIDER_ID = "dev";

export const devNameSchema = z.string().trim().min(1, "请填写显示名").max(20, "最多 20 个字");

/** Which sign-in methods exist with these settings (the login page shows exactly these). */
export function signInMethods(settings: Env) {
  return {
    wechatOa: Boolean(settings.WECHAT_APP_ID && settings.WECHAT_APP_SECRET),
    wechatQr: Boolean(settings.WECHAT_WEB_APP_ID && settings.WECHAT_WEB_APP_SECRET),
    // Development sign-in hands out any identity: sandbox only, never registered in live mode.
    dev: settings.APP_MODE === "sandbox",
  };
}

/** Development sign-in: a display name becomes the user with openid `dev:<name>`. */
async function authorizeDevUser(credentials: Partial<Record<string, unknown>>) {
  if (env().APP_MODE !== "sandbox") return null;
  const name = devNameSchema.safeParse(credentials?.name);
  if (!name.success) return null;
  const user = await upsertWechatUser({ openid: `dev:${name.data}`, nickname: name.data }, null);
  return { id: String(user.id), name: name.data };
}

export function authProviders(settings: Env): NextAuthConfig["providers"] {
  const methods = signInMethods(settings);
  const wechat = (kind: WechatKind, appId?: string, appSecret?: string) =>
    wechatProvider({
      kind,
      appId: appId ?? "",
      appSecret: appSecret ?? "",
      appUrl: settings.APP_URL,
      apiBase: settings.WECHAT_API_BASE,
    });
  return [
    ...(methods.wechatOa ? [wechat("oa", settings.WECHAT_APP_ID, settings.WECHAT_APP_SECRET)] : []),
    ...(methods.wechatQr
      ? [wechat("qr", settings.WECHAT_WEB_APP_ID, settings.WECHAT_WEB_APP_SECRET)]
      : []),
    ...(methods.dev
      ? [
          Credentials({
            id: DEV_PROVIDER_ID,
            name: "开发登录 · 仅沙箱",
            credentials: { name: { label: "显示名" } },
            authorize: authorizeDevUser,
          }),
        ]
      : []),
  ];
}

const wechatIds = new Set(Object.values(WECHAT_PROVIDER_ID));

export function authConfig(settings: Env): NextAuthConfig {
  // Each provider signs in through its own WeChat app, whose openids are only valid under it.
  const wechatAppId = (provider: string) =>
    (provider === WECHAT_PROVIDER_ID.qr ? settings.WECHAT_WEB_APP_ID : settings.WECHAT_APP_ID) ??
    null;
  return {
    secret: authSecret(),
    trustHost: true,
    providers: authProviders(settings),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    cookies: {
      sessionToken: {
        name: SESSION_COOKIE,
        options: {
          httpOnly: true,
          sameSite: "lax",
          path: "/",
          secure: sessionCookieSecure(),
          maxAge: SESSION_MAX_AGE_SECONDS,
        },
      },
    },
    pages: { signIn: "/login", error: "/login" },
    callbacks: {
      // Redirect only within the site, and as a path: a relative Location keeps the browser on
      // the host it is using (Next may see itself as localhost behind a proxy or `-H`). Auth.js
      // passes absolute URLs on the origin it sees itself on, which is ours as well.
      redirect({ url, baseUrl }) {
        const target = url.startsWith(`${baseUrl}/`) ? url.slice(baseUrl.length) : url;
        return safeLocalPath(target, "/");
      },
      // Snapshot-page identities are virtual: refuse before the jwt callback stores anything.
      signIn({ account, profile }) {
        if (account && wechatIds.has(account.provider) && isSnapshotUser(account, profile)) {
          log.info("auth.snapshot_refused", { provider: account.provider });
          return "/login?error=snapshot";
        }
        return true;
      },
      async jwt({ token, user, account, profile }) {
        if (!account) return token;
        let claims: SessionClaims;
        if (wechatIds.has(account.provider)) {
          const wechat = profile as unknown as WechatProfile;
          const row = await upsertWechatUser(
            {
              ...wechat,
              openid: wechat.openid ?? String(account.openid ?? ""),
              unionid: wechat.unionid ?? (account.unionid as string | undefined),
              is_snapshotuser: isSnapshotUser(account, profile) ? 1 : 0,
            },
            wechatAppId(account.provider),
          );
          claims = { uid: row.id, role: row.role, name: displayName(row.nickname, row.wxNickname) };
        } else {
          const row = await userById(Number(user?.id));
          if (!row) throw new Error("signed-in user vanished");
          claims = { uid: row.id, role: row.role, name: user?.name };
        }
        log.info("auth.signed_in", { userId: claims.uid, provider: account.provider });
        return { sub: String(claims.uid), ...claims };
      },
      session({ session, token }) {
        const claims = token as unknown as SessionClaims;
        return {
          ...session,
          user: { ...session.user, id: String(claims.uid), name: claims.name ?? null },
          role: claims.role,
        };
      },
    },
  };
}
