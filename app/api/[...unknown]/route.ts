import { ApiError } from "@/lib/api/errors";
import { errorResponse } from "@/lib/api/route";

// Any /api/ path no endpoint serves (and unknown paths under the legacy /order, /payment,
// /invitation prefixes, which rewrite here) answers the envelope with status 7, not an HTML page.
// The body is never read.
async function unknownEndpoint(request: Request): Promise<Response> {
  return errorResponse(request, ApiError.notFound("接口"));
}

export const GET = unknownEndpoint;
export const HEAD = unknownEndpoint;
export const POST = unknownEndpoint;
export const PUT = unknownEndpoint;
export const PATCH = unknownEndpoint;
export const DELETE = unknownEndpoint;
export const OPTIONS = unknownEndpoint;
