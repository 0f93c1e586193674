import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { inviteCodesAnswer } from "@/lib/invitations/answers";
import { getInviteCodes } from "@/lib/invitations/codes";

// GET|POST /api/invitation/getcode – my invitation code and the one I entered (-1 if none).
export const POST = defineRoute(
  { auth: "user", params: z.object({}), answer: inviteCodesAnswer },
  async ({ user }) => getInviteCodes(user.id),
);
export const GET = POST;
