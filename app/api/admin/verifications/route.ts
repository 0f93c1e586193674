import { z } from "zod";
import { integer, optional } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { listVerifications } from "@/lib/verifications/review";

// GET|POST /api/admin/verifications – review queue (pending by default) for admins.
export const POST = defineRoute(
  {
    auth: "admin",
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
