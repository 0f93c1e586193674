import { z } from "zod";

// Answer schemas (the API contract) shared by the listing media endpoints.

export const videoAnswer = z.object({ id: z.number().int(), url: z.string() });
