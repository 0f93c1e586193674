import "server-only";
import { errorResponse } from "@/lib/api/route";
import { isSandbox } from "@/lib/env";

/** Sandbox routes do not exist in live mode; unexpected errors still use the shared envelope. */
export function sandboxOnly(
  handler: (request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!isSandbox()) return new Response("Not Found", { status: 404 });
    try {
      return await handler(request);
    } catch (error) {
      return errorResponse(request, error);
    }
  };
}
