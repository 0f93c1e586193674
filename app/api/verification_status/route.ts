import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { propertyAddressFields, reviewState } from "@/lib/verifications/answers";
import { verificationStatus } from "@/lib/verifications/review";

// GET|POST /api/verification_status – the caller's identity and property verification states.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({}),
    answer: z.object({
      identity: z.object({
        status: z.union([reviewState, z.literal("none")]).describe("none: never submitted"),
        reject_reason: z.string(),
        realname: z.string(),
        idcardnumber_masked: z.string(),
        submitted_at: z.string(),
      }),
      property: z.array(
        z.object({
          id: z.number().int(),
          status: reviewState,
          reject_reason: z.string(),
          property_cert_number: z.string(),
          house_type: z.number().int().describe("1 own property, 2 sublet (lease agreement)"),
          ...propertyAddressFields,
          submitted_at: z.string(),
        }),
      ),
    }),
  },
  async ({ user }) => verificationStatus(user.id),
);
export const GET = POST;
