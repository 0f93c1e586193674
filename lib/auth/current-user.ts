import "server-only";
import { eq, sql } from "drizzle-orm";
import { preparedQuery } from "@/db";
import { users } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { sessionFromRequest } from "@/lib/auth/session";
import { checkToken } from "@/lib/auth/tokens";

export interface CurrentUser {
  id: number;
  role: "user" | "admin";
}

const reasons = {
  malformed: "登录凭证格式错误，请重新登录",
  unknown: "登录凭证无效，请重新登录",
  expired: "登录已过期，请重新登录",
  revoked: "登录凭证已注销，请重新登录",
} as const;

/** The API token from the legacy `token` header or `Authorization: Bearer`. */
export function tokenFromRequest(request: Request): string | null {
  const legacy = request.headers.get("token")?.trim();
  if (legacy) return legacy;
  const authorization = request.headers.get("authorization")?.trim();
  const match = authorization?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/** The user a browser session points at, with the role as it is now (not as signed in). */
const roleLookup = preparedQuery((database) =>
  database
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(eq(users.id, sql.placeholder("id")))
    .prepare(),
);

export async function userById(id: number): Promise<CurrentUser | null> {
  return (await roleLookup().get({ id })) ?? null;
}

/**
 * Resolves the caller: an API token if one is sent (an invalid one is an error, never a silent
 * anonymous request), otherwise the next-auth session cookie of a same-origin browser request
 * (a forged, expired or cross-site one counts as no session), otherwise null.
 */
export async function findCurrentUser(request: Request): Promise<CurrentUser | null> {
  const token = tokenFromRequest(request);
  if (token) {
    const check = await checkToken(token);
    if (!check.ok) throw ApiError.notLoggedIn(reasons[check.reason]);
    return check.user;
  }
  const session = await sessionFromRequest(request);
  return session ? userById(session.uid) : null;
}

export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await findCurrentUser(request);
  if (!user) throw ApiError.notLoggedIn();
  return user;
}

export async function requireAdmin(request: Request): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (user.role !== "admin") throw ApiError.forbidden("仅管理员可操作");
  return user;
}
