import { z } from "zod";
import type { ViewingRequestItem } from "@/lib/payments/viewing-requests";
import { ACTION_TEXT, type ViewingAction } from "@/lib/viewings/states";

// Answer schemas (the API contract) of the viewing-request endpoints.

export const viewingRequestAnswer = z.object({
  id: z.number().int(),
  status: z
    .number()
    .int()
    .describe("1 pending payment, 2 paid, 3 viewed, 4 refund requested, 5 refunded"),
  status_text: z.string(),
  phase: z
    .string()
    .describe(
      "awaiting_payment, awaiting_landlord, time_proposed, time_agreed, tenant_unreachable, shown, viewed, refund_requested, contested, refunding, refund_failed, refunded",
    ),
  phase_text: z.string(),
  preferred_time: z.string().nullable().describe("the tenant's preferred date and 上午/下午/晚上"),
  message: z.string().nullable(),
  proposed_time: z.string().nullable(),
  agreed_time: z.string().nullable(),
  consent_at: z.string().nullable().describe("when the tenant agreed to share their number"),
  landlord_responded_at: z.string().nullable(),
  viewed_at: z.string().nullable(),
  refund: z
    .object({
      reason: z.string().nullable(),
      reason_text: z.string().nullable(),
      text: z.string().nullable(),
      photos: z
        .array(z.string())
        .describe(
          "URLs of the tenant's photos (private: only the two sides and admins may open them)",
        ),
      requested_at: z.string().nullable(),
      approved_at: z.string().nullable(),
      refunded_at: z.string().nullable(),
      provider_status: z
        .string()
        .nullable()
        .describe("pending, unknown, processing, succeeded or failed (retried by the job)"),
    })
    .nullable(),
  deadlines: z
    .array(z.object({ kind: z.string(), at: z.string(), text: z.string() }))
    .describe("the deadlines that apply now, earliest first"),
  actions: z
    .array(
      z.object({
        action: z.enum(Object.keys(ACTION_TEXT) as [ViewingAction, ...ViewingAction[]]),
        text: z.string(),
      }),
    )
    .describe("what the caller may do now"),
  created_at: z.string().describe("ISO 8601"),
  paid_at: z.string().nullable(),
  payment_provider: z.enum(["alipay", "wxpay"]).nullable().describe("who took the fee"),
  payment_provider_text: z.enum(["支付宝", "微信支付"]).nullable(),
  listing: z.object({
    house_id: z.number().int(),
    title: z.string().nullable(),
    community: z.string().nullable(),
    rent: z.number().nullable(),
    cover_thumb_url: z.string().nullable(),
  }),
  counterpart_nickname: z.string().nullable(),
  contact: z
    .object({
      nickname: z.string().nullable(),
      tel: z.string().nullable(),
      wechat: z.string().nullable(),
    })
    .nullable()
    .describe("the other side's contact details, once the viewing fee is paid"),
  tenant_credit_band: z
    .string()
    .nullable()
    .describe("landlord only: the paying tenant's Zhima score band (650+), with their consent"),
  credit_consent: z.boolean().describe("the tenant agreed to show their Zhima band"),
}) satisfies z.ZodType<ViewingRequestItem>;
