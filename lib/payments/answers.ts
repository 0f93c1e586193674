import { z } from "zod";
import type { ViewingRequestItem } from "@/lib/payments/viewing-requests";

// Answer schemas (the API contract) of the viewing-request endpoints.

export const viewingRequestAnswer = z.object({
  id: z.number().int(),
  status: z
    .number()
    .int()
    .describe("1 pending payment, 2 paid, 3 viewed, 4 refund requested, 5 refunded"),
  status_text: z.string(),
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
