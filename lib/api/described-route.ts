import type { z } from "zod";
import type { AuthMode, RawAnswer } from "@/lib/api/route";

/** What the API contract says about an endpoint that is not written with defineRoute. */
export interface PlainContract {
  auth: AuthMode;
  /** Documented only: the handler reads its own input (a signed body, a path segment…). */
  params?: z.ZodType;
  answer: z.ZodType | RawAnswer;
  /** Endpoints for operators (provider callbacks, the sandbox) stay out of the public document. */
  audience?: "operators";
}

/**
 * A plain handler (redirects, files, provider callbacks, the sandbox) with its contract attached,
 * so the OpenAPI document describes it like every defineRoute endpoint.
 */
export function describedRoute<H extends (...args: never[]) => Promise<Response>>(
  contract: PlainContract,
  handler: H,
): H & { contract: PlainContract } {
  return Object.assign(handler, { contract });
}
