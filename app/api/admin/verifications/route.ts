import { z } from "zod";
import { integer, optional } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { propertyAddressFields, reviewState } from "@/lib/verifications/answers";
import { listVerifications } from "@/lib/verifications/review";

const fileLink = z.string().nullable().describe("document URL; null once deleted");
const reviewedFields = z.object({
  id: z.number().int(),
  user_id: z.number().int(),
  status: reviewState,
  reject_reason: z.string(),
  submitted_at: z.string(),
  reviewed_by: z.number().int().nullable(),
  reviewed_at: z.string(),
  documents_deleted: z.boolean(),
});

// GET|POST /api/admin/verifications – review queue (pending by default) for admins.
export const POST = defineRoute(
  {
    auth: "admin",
    answer: z.object({
      identity: z.array(
        reviewedFields.extend({
          portrait_url: fileLink,
          idcardfront_url: fileLink,
          idcardback_url: fileLink,
          realname: z.string(),
          idcardnumber_masked: z.string(),
        }),
      ),
      property: z.array(
        reviewedFields.extend({
          certname: z.string(),
          idcardnumber_masked: z.string(),
          property_cert_photo_url: fileLink,
          lease_agreement_photo_url: z.string(),
          property_cert_number: z.string(),
          house_type: z.number().int(),
          ...propertyAddressFields,
          linked_houses: z
            .array(
              z.object({
                id: z.number().int(),
                title: z.string().nullable(),
                address: z.string().describe("the listing's division names, community and door"),
              }),
            )
            .describe("listings linked to it: approving confirms their address matches"),
        }),
      ),
    }),
    params: z.object({
      status: optional(z.enum(["pending", "approved", "rejected"])).transform(
        (value) => value ?? "pending",
      ),
      type: optional(z.enum(["identity", "property"])),
      limit: optional(integer({ min: 1, max: 500 })).transform((value) => value ?? 100),
    }),
  },
  async ({ params }) => listVerifications(params),
);
export const GET = POST;
