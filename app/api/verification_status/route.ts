import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { verificationStatus } from "@/lib/verifications/review";

// GET|POST /api/verification_status – the caller's identity and property verification states.
export const POST = defineRoute({ auth: "user", params: z.object({}) }, async ({ user }) =>
  verificationStatus(user.id),
);
export const GET = POST;
