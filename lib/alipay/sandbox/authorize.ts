import "server-only";
import { sandboxAlipayGrants } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { alipaySettings } from "@/lib/alipay/client";
import { randomToken } from "@/lib/alipay/ids";
import { sandboxErrorPage } from "@/lib/alipay/sandbox/html";
import { sandboxIdentity } from "@/lib/alipay/sandbox/signing";
import { env } from "@/lib/env";

// The sandbox publicAppAuthorize page: the user agrees, Alipay redirects to redirect_uri with a
// single-use auth_code (valid 10 minutes) and the app's state, unchanged.

export const AUTH_CODE_MS = 10 * 60 * 1000;
const ACCESS_TOKEN_MS = 15 * 24 * 3600 * 1000;
const SCOPES = new Set(["auth_base", "auth_user", "auth_zhima"]);

export interface AuthorizeRequest {
  appId: string;
  scope: string;
  redirectUri: string;
  state: string;
}

export function readAuthorizeRequest(
  source: Record<string, string | string[] | undefined>,
): AuthorizeRequest {
  const pick = (key: string) => {
    const value = source[key];
    return (Array.isArray(value) ? value[0] : value) ?? "";
  };
  return {
    appId: pick("app_id"),
    scope: pick("scope"),
    redirectUri: pick("redirect_uri"),
    state: pick("state"),
  };
}

/** Why the open platform would refuse this request, or null when it is acceptable. */
export function authorizeProblem(request: AuthorizeRequest): string | null {
  if (request.appId !== alipaySettings().appId) return "无效的 app_id";
  const scopes = request.scope.split(",");
  if (!request.scope || !scopes.every((scope) => SCOPES.has(scope))) return "无效的 scope";
  let redirect: URL;
  try {
    redirect = new URL(request.redirectUri);
  } catch {
    return "无效的 redirect_uri";
  }
  // Alipay only redirects to the callback address registered for the app.
  if (redirect.origin !== new URL(env().APP_URL).origin)
    return "redirect_uri 与应用授权回调地址不符";
  return null;
}

export async function submitAuthorize(
  request: AuthorizeRequest,
  action: string,
  logonId: string,
): Promise<Response> {
  const problem = authorizeProblem(request);
  if (problem) return sandboxErrorPage(400, "授权请求无效", problem);
  const target = new URL(request.redirectUri);
  if (action === "approve") {
    const identity = sandboxIdentity(logonId.trim() || "user@sandbox.alipay");
    const authCode = randomToken();
    await writeTransaction((tx) =>
      tx.insert(sandboxAlipayGrants).values({
        appId: request.appId,
        authCode,
        accessToken: `authusrB${randomToken(20)}`,
        alipayUserId: identity.userId,
        openId: identity.openId,
        scope: request.scope,
        expiresAt: new Date(Date.now() + ACCESS_TOKEN_MS),
      }),
    );
    target.searchParams.set("auth_code", authCode);
    target.searchParams.set("app_id", request.appId);
    target.searchParams.set("scope", request.scope);
  } else {
    target.searchParams.set("error", "access_denied");
  }
  target.searchParams.set("state", request.state);
  return new Response(null, { status: 303, headers: { location: target.toString() } });
}
