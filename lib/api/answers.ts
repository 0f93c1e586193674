import { z } from "zod";

// Answer schemas (the API contract) used by many endpoints.

/** The answer of an endpoint that only reports success: always `{}`. */
export const emptyAnswer = z.object({}).describe("always {}");

/** A verification submission's legacy answer: [name, ID number masked]. */
export const submittedNameAnswer = z
  .array(z.string())
  .describe("[name, ID number masked], as the legacy service answered");
