import "server-only";
import { z } from "zod";
import { moderationDecisionKinds, moderationFlagKinds } from "@/db/schema/moderation";

// Answer schemas (the API contract) of the moderation endpoints and the listing fields they add.

export const decisionKind = z.enum(moderationDecisionKinds);

/** What the landlord sees about moderation on one of their listings. */
export const ownerModerationAnswer = z.object({
  open_reasons: z.array(z.string()).describe("why the listing is held or queued, in Chinese"),
  last_decision: z
    .object({
      decision: decisionKind,
      decision_text: z.string(),
      reason: z.string(),
      created_at: z.string(),
      appealed: z.boolean(),
      can_appeal: z.boolean(),
    })
    .nullable(),
});

/** Freshness as cards and the detail page show it. */
export const freshnessFields = {
  confirmed_days_ago: z
    .number()
    .int()
    .nullable()
    .describe("days since the owner confirmed it is available"),
  freshness_text: z.string().describe("X 天前确认在租, or N 天未确认在租 after 14 days"),
};

export const ownershipAnswer = z.object({
  badge: z.enum(["owner", "relet"]).nullable().describe("owner: 房东本人; relet: 转租"),
  badge_text: z.string(),
  lease_start: z.string().nullable(),
  lease_end: z.string().nullable(),
  property_verification_id: z.number().int().nullable(),
  link_pending: z.boolean().describe("linked, the admin has not yet confirmed the address"),
});

const listingSummary = z.object({
  id: z.number().int(),
  title: z.string().nullable(),
  status: z.number().int(),
  moderation_state: z.number().int(),
  moderation_state_text: z.string(),
  owner_id: z.number().int(),
  owner_nickname: z.string(),
  owner_user_type_text: z.string(),
  address: z.string(),
  photos: z.array(z.object({ id: z.number().int(), thumb_url: z.string() })),
});

export const moderationQueueAnswer = z.object({
  items: z.array(
    z.object({
      listing: listingSummary,
      certificate: z
        .object({
          id: z.number().int(),
          status: z.string(),
          house_type: z.number().int(),
          address: z.string(),
        })
        .nullable(),
      link_confirmed: z.boolean(),
      flags: z.array(
        z.object({
          id: z.number().int(),
          kind: z.enum(moderationFlagKinds),
          detail: z.string(),
          created_at: z.string(),
          photo_url: z.string().nullable(),
          other_photo_url: z.string().nullable(),
          other_listing: listingSummary.nullable(),
        }),
      ),
      reports: z.array(
        z.object({
          id: z.number().int(),
          reporter_id: z.number().int(),
          reason: z.number().int(),
          reason_text: z.string(),
          text: z.string(),
          paid_viewing: z.boolean(),
          created_at: z.string(),
        }),
      ),
      decisions: z.array(
        z.object({
          id: z.number().int(),
          decision: decisionKind,
          decision_text: z.string(),
          reason: z.string(),
          on_appeal: z.boolean(),
          appeal_text: z.string().nullable(),
          created_at: z.string(),
        }),
      ),
    }),
  ),
});
