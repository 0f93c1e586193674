// client-safe: the viewing form checks input with these rules, so no server imports (scripts/check-layers.ts).
import { z } from "zod";
import { flag, id, isoDate, optional, text } from "@/lib/api/fields";
import { profileParams } from "@/lib/users/profile-fields";
import { REFUND_REASONS, SLOTS } from "@/lib/viewings/states";

// Parameters of the viewing-request endpoints (shared by the routes and the contract).

const slot = z.enum(SLOTS, { error: "应为 morning、afternoon 或 evening" });

export const createViewingParams = z.object({
  owner_id: id(),
  house_id: id(),
  /** A mobile number proved with an SMS code (purpose `viewing`), unless already verified. */
  tel: profileParams.shape.tel,
  tel_code: profileParams.shape.tel_code,
  /** PIPL: explicit consent that the verified number is shared with this landlord. */
  consent: optional(flag()),
  preferred_date: optional(isoDate()),
  preferred_slot: optional(slot),
  message: optional(text({ max: 200 })),
  /** 1: the landlord may see the tenant's Zhima score band for this request. */
  credit_consent: optional(flag()),
});

export const landlordRespondParams = z.object({
  pre_order_id: id(),
  response: z.enum(["accept", "propose", "let", "unreachable", "shown"], {
    error: "应为 accept、propose、let、unreachable 或 shown",
  }),
  date: optional(isoDate()),
  slot: optional(slot),
});

export const respondToProposalParams = z.object({
  pre_order_id: id(),
  answer: z.enum(["accept", "decline", "reachable"], {
    error: "应为 accept、decline 或 reachable",
  }),
});

export const requestRefundParams = z.object({
  pre_order_id: id(),
  reason: z.enum(REFUND_REASONS, {
    error: "应为 unreachable、let、not_as_described、no_show 或 other",
  }),
  text: optional(text({ max: 500 })),
});

export const refundDecisionParams = z.object({
  pre_order_id: id(),
  decision: z.enum(["accept", "contest"], { error: "应为 accept 或 contest" }),
  reason: optional(text({ max: 500 })),
});

export const disputeDecideParams = z.object({
  pre_order_id: id(),
  decision: z.enum(["refund", "reject"], { error: "应为 refund 或 reject" }),
  reason: optional(text({ max: 500 })),
});
