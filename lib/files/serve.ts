import "server-only";
import { privateFileAccessLog } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import { errorResponse } from "@/lib/api/route";
import { type CurrentUser, findCurrentUser } from "@/lib/auth/current-user";
import { storage } from "@/lib/storage";
import { type RangeRequest, resolveRange } from "@/lib/storage/driver";
import { type ParsedKey, parseKey } from "@/lib/storage/keys";
import { isRefundPhotoOfLandlord } from "@/lib/viewings/refund-photos";

type Outcome = "served" | "denied" | "missing";

/** `bytes=0-99`, `bytes=100-`, `bytes=-500`; anything else (incl. several ranges) → whole file. */
function parseRangeHeader(value: string | null): RangeRequest | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(value?.trim() ?? "");
  if (!match || (!match[1] && !match[2])) return undefined;
  if (!match[1]) return { suffix: Number(match[2]) };
  const start = Number(match[1]);
  const end = match[2] ? Number(match[2]) : undefined;
  if (end !== undefined && end < start) return undefined;
  return { start, end };
}

async function logAccess(key: string, user: CurrentUser | null, outcome: Outcome) {
  await writeTransaction((tx) =>
    tx
      .insert(privateFileAccessLog)
      .values({ storageKey: key, userId: user?.id ?? null, outcome })
      .run(),
  );
}

/**
 * Private documents: only their owner and admins (and, for a tenant's refund photos, the
 * landlord of that request); unknown callers must log in first.
 */
async function authorize(request: Request, parsed: ParsedKey): Promise<CurrentUser> {
  let user: CurrentUser | null = null;
  try {
    user = await findCurrentUser(request);
    if (!user) throw ApiError.notLoggedIn();
    if (
      user.role !== "admin" &&
      user.id !== parsed.ownerId &&
      !(await isRefundPhotoOfLandlord(user.id, parsed.key))
    )
      throw ApiError.forbidden("无权查看此文件");
    return user;
  } catch (error) {
    await logAccess(parsed.key, user, "denied");
    throw error;
  }
}

/**
 * The API returns file URLs (`/api/file/<key>`), while legacy clients prefix `/file/` to whatever
 * path they were given: `/file//api/file/<key>` must reach the same file.
 */
function stripUrlPrefix(segments: string[]): string[] {
  const parts = segments.filter((segment) => segment !== "");
  return parts[0] === "api" && parts[1] === "file" ? parts.slice(2) : parts;
}

/**
 * Serves a stored file by key (`/api/file/<key>` and the legacy `/file/<key>`). Only keys of
 * the generated shapes exist, so `../`, `data/...` and absolute paths are simply not found.
 * The content type comes from the key, never from the upload, and nosniff stops browsers
 * from guessing HTML. Every access to a private document is logged.
 */
export async function serveFile(request: Request, segments: string[]): Promise<Response> {
  try {
    const parsed = parseKey(stripUrlPrefix(segments).join("/"));
    if (!parsed) throw ApiError.notFound("文件");
    const user = parsed.visibility === "private" ? await authorize(request, parsed) : null;
    const requested = parseRangeHeader(request.headers.get("range"));
    const file = await storage().get(parsed.key, requested);
    if (parsed.visibility === "private")
      await logAccess(parsed.key, user, file ? "served" : "missing");
    if (!file) throw ApiError.notFound("文件");

    const headers = new Headers({
      "content-type": parsed.contentType,
      "cache-control":
        parsed.visibility === "public"
          ? "public, max-age=31536000, immutable"
          : "private, no-store",
      "x-content-type-options": "nosniff",
      "content-disposition": "inline",
      "accept-ranges": "bytes",
    });
    if (requested && !file.range && !resolveRange(requested, file.size)) {
      await file.body.cancel();
      headers.set("content-range", `bytes */${file.size}`);
      return new Response(null, { status: 416, headers });
    }
    if (file.range) {
      headers.set("content-range", `bytes ${file.range.start}-${file.range.end}/${file.size}`);
      headers.set("content-length", String(file.range.end - file.range.start + 1));
      return new Response(file.body, { status: 206, headers });
    }
    headers.set("content-length", String(file.size));
    return new Response(file.body, { status: 200, headers });
  } catch (error) {
    return errorResponse(request, error);
  }
}
