import { z } from "zod";
import { clientAddress } from "@/lib/api/client-address";
import { text } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { PHONE_CODE_PURPOSES, sendPhoneCode } from "@/lib/phone/codes";
import { isMobile, MOBILE_PROBLEM } from "@/lib/phone/number";

// GET|POST /api/sms/send_code – sends a 6-digit code to `tel` for `purpose` (profile|viewing).
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({
      tel: text({ max: 11 }).refine(isMobile, MOBILE_PROBLEM),
      purpose: z.enum(PHONE_CODE_PURPOSES, { error: "应为 profile 或 viewing" }),
    }),
    answer: z.object({ expires_in: z.number().int(), resend_after: z.number().int() }),
  },
  async ({ request, user, params }) =>
    sendPhoneCode({ ...params, userId: user.id, clientAddress: clientAddress(request) }),
);
export const GET = POST;
