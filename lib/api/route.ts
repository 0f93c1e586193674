import "server-only";
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

interface Envelope {
  status: number;
  msg: string;
  ans: unknown;
}

/** A successful answer with a message other than "" (the legacy preorder answers "OK"). */
export class Reply<const T = unknown> {
  constructor(
    readonly ans: T,
    readonly msg = "",
  ) {}
}

export type AuthMode = "none" | "optional" | "user" | "admin";

type UserFor<A extends AuthMode> = A extends "user" | "admin" ? CurrentUser : CurrentUser | null;

export interface RouteContext<P, A extends AuthMode> {
  request: Request;
  params: P;
  user: UserFor<A>;
  files: Record<string, UploadedFile[]>;
}

function envelopeResponse(
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

/** An answer that is not the envelope: the handler's own Response, of this content type. */
export interface RawAnswer {
  raw: string;
  description: string;
}

export const raw = (contentType: string, description: string): RawAnswer => ({
  raw: contentType,
  description,
});

/**
 * Outside production (tests, development), a successful answer that breaks its declared schema
 * is a bug in the endpoint: fail loudly rather than hand clients something the contract denies.
 * Production skips it (the cost of a parse per answer; the types already hold the shape).
 */
function checkAnswer(answer: z.ZodType | RawAnswer, ans: unknown): void {
  if (process.env.NODE_ENV === "production" || !(answer instanceof z.ZodType)) return;
  const checked = answer.safeParse(ans);
  if (!checked.success)
    throw new Error(`answer breaks its schema: ${z.prettifyError(checked.error)}`);
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
 * What a handler may return for an answer schema: the value of `ans` (or a Reply carrying it and
 * a message), nothing when `{}` is a valid answer (sent as `{}`), or, for a raw answer, the Response.
 */
type HandlerResult<Answer extends z.ZodType | RawAnswer> = Answer extends z.ZodType
  ?
      | z.input<Answer>
      | Reply<z.input<Answer>>
      // biome-ignore lint/suspicious/noConfusingVoidType: what a handler returning nothing returns
      | (Record<string, never> extends z.input<Answer> ? void : never)
  : Response;

export interface RouteOptions<S extends z.ZodType, A extends AuthMode, Answer> {
  auth: A;
  params: S;
  files?: FileRules;
  /**
   * The schema of `ans` on success, or `raw(...)` for a handler that answers with its own
   * Response: the API contract (OpenAPI document, client types), checked outside production.
   */
  answer: Answer;
  /** Operators' endpoints (admin auth implies it) are only in /api/openapi-admin.json. */
  audience?: "operators";
  /** A trusted server may call it with the X-Internal-Key header instead of a token. */
  internalKey?: true;
}

/** A described endpoint: the handler with the contract it was defined with. */
export type ContractRoute = ((request: Request) => Promise<Response>) & {
  contract: RouteOptions<z.ZodType, AuthMode, z.ZodType | RawAnswer>;
};

/**
 * Wraps an endpoint: authenticate (before reading any upload), read and validate parameters,
 * run the handler, and wrap its result in the envelope. A handler declared `answer: raw(...)`
 * returns a Response (plain-text notify answers, redirects, file streams), bypassing it.
 */
export function defineRoute<
  S extends z.ZodType,
  A extends AuthMode,
  Answer extends z.ZodType | RawAnswer,
>(
  options: RouteOptions<S, A, Answer>,
  handler: (context: RouteContext<z.output<S>, A>) => Promise<HandlerResult<Answer>>,
): ContractRoute {
  const route = async (request: Request) => {
    let cleanup: (() => Promise<void>) | undefined;
    try {
      const user = (await resolveUser(request, options.auth)) as UserFor<A>;
      const parsed = await readRequest(request, options.files);
      cleanup = parsed.cleanup;
      const params = options.params.parse(parsed.params);
      const result: unknown = await handler({ request, params, user, files: parsed.files });
      if (result instanceof Response) return result;
      const reply = result instanceof Reply ? result : new Reply(result ?? {});
      checkAnswer(options.answer, reply.ans);
      return envelopeResponse(request, Status.ok, reply.msg, reply.ans);
    } catch (error) {
      return errorResponse(request, error);
    } finally {
      await cleanup?.();
    }
  };
  return Object.assign(route, { contract: options });
}
