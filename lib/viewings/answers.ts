import { z } from "zod";
import type { DisputeItem } from "@/lib/viewings/disputes";

// Answer schemas (the API contract) of the dispute endpoints.

const decisionAnswer = z.object({
  decision: z.enum(["refund", "reject"]),
  reason: z.string().nullable(),
  admin_id: z.number().int().nullable(),
  at: z.string(),
});

export const disputeAnswer = z.object({
  pre_order_id: z.number().int(),
  status: z.number().int(),
  phase: z.string(),
  house_id: z.number().int(),
  house_title: z.string().nullable(),
  tenant_nickname: z.string().nullable(),
  landlord_nickname: z.string().nullable(),
  refund_reason_text: z.string().nullable(),
  refund_text: z.string().nullable(),
  refund_photos: z.array(z.string()).describe("URLs of the tenant's refund photos"),
  refund_requested_at: z.string().nullable(),
  contest_reason: z.string().nullable(),
  contested_at: z.string().nullable(),
  decision: decisionAnswer.nullable(),
}) satisfies z.ZodType<DisputeItem>;
