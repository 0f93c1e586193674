import { z } from "zod";
import { ApiError, httpStatusOf, Status, type StatusCode } from "@/lib/api/errors";
import { type FileRules, readRequest, type UploadedFile } from "@/lib/api/request";
import {
  type CurrentUser,
  findCurrentUser,
  requireAdmin,
  requireUser,
} from "@/lib/auth/current-user";
import { describeError, log } from "@/lib/log";

z.config(z.locales.zhCN());

/**
 * A request that arrived on a legacy path (e.g. /wx_fetch_userinfo, rewritten to /api/... by
 * next.config.ts): the handler sees the path the client called.
 */
export function isLegacyPath(request: Request): boolean {
  return !new URL(request.url).pathname.startsWith("/api/");
}

export interface Envelope {
  status: number;
  msg: string;
  ans: unknown;
}

/** A successful answer with a message other than "" (the legacy preorder answers "OK"). */
export class Reply {
  constructor(
    readonly ans: unknown,
    readonly msg = "",
  ) {}
}

type AuthMode = "none" | "optional" | "user" | "admin";

type UserFor<A extends AuthMode> = A extends "user" | "admin" ? CurrentUser : CurrentUser | null;

export interface RouteContext<P, A extends AuthMode> {
  request: Request;
  params: P;
  user: UserFor<A>;
  files: Record<string, UploadedFile[]>;
}

export function envelopeResponse(
  request: Request,
  status: StatusCode,
  msg: string,
  ans: unknown,
): Response {
  const body: Envelope = { status, msg, ans };
  return Response.json(body, {
    status: isLegacyPath(request) ? 200 : httpStatusOf[status],
    headers: { "cache-control": "no-store" },
  });
}

function zodToApiError(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join(".") || "params";
  return ApiError.badParam(field, issue?.message ?? "参数无效");
}

/** The one place that turns any thrown value into an envelope response. */
export function errorResponse(request: Request, error: unknown): Response {
  if (error instanceof z.ZodError) error = zodToApiError(error);
  if (error instanceof ApiError)
    return envelopeResponse(request, error.status, error.message, error.ans);
  log.error("request.failed", { path: new URL(request.url).pathname, ...describeError(error) });
  return envelopeResponse(request, Status.internal, "服务器内部错误，请稍后重试", {});
}

async function resolveUser(request: Request, mode: AuthMode): Promise<CurrentUser | null> {
  if (mode === "user") return requireUser(request);
  if (mode === "admin") return requireAdmin(request);
  if (mode === "optional") return findCurrentUser(request);
  return null;
}

/**
 * Wraps an endpoint: authenticate (before reading any upload), read and validate parameters,
 * run the handler, and wrap its result in the envelope. A handler may return a Response
 * (plain-text notify answers, redirects, file streams) to bypass the envelope.
 */
export function defineRoute<S extends z.ZodType, A extends AuthMode>(
  options: {
    auth: A;
    params: S;
    files?: FileRules;
    /** The schema of `ans` on success (the API contract: OpenAPI document and client types). */
    answer?: z.ZodType;
  },
  handler: (context: RouteContext<z.output<S>, A>) => Promise<unknown>,
): (request: Request) => Promise<Response> {
  return async (request: Request) => {
    let cleanup: (() => Promise<void>) | undefined;
    try {
      const user = (await resolveUser(request, options.auth)) as UserFor<A>;
      const parsed = await readRequest(request, options.files);
      cleanup = parsed.cleanup;
      const params = options.params.parse(parsed.params);
      const result = await handler({ request, params, user, files: parsed.files });
      if (result instanceof Response) return result;
      if (result instanceof Reply)
        return envelopeResponse(request, Status.ok, result.msg, result.ans);
      return envelopeResponse(request, Status.ok, "", result ?? {});
    } catch (error) {
      return errorResponse(request, error);
    } finally {
      await cleanup?.();
    }
  };
}
