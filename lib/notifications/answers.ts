import { z } from "zod";

// The API contract of /api/notification/*.
const inboxItemAnswer = z.object({
  id: z.number().int(),
  kind: z.string(),
  payload: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  link: z.string().nullable(),
  created_at: z.iso.datetime(),
  read: z.boolean(),
});

export const inboxAnswer = z.object({ items: z.array(inboxItemAnswer), unread: z.number().int() });

export const markedReadAnswer = z.object({ updated: z.number().int(), unread: z.number().int() });
