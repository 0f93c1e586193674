import { z } from "zod";
import { text } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { inviteCodesAnswer } from "@/lib/invitations/answers";
import { setFriendInviteCode } from "@/lib/invitations/codes";

// GET|POST /api/invitation/setcode – records the invitation code of the friend who invited me.
export const POST = defineRoute(
  { auth: "user", params: z.object({ invite_code: text({ max: 20 }) }), answer: inviteCodesAnswer },
  async ({ user, params }) => setFriendInviteCode(user.id, params.invite_code),
);
export const GET = POST;
