import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { ownProfileAnswer } from "@/lib/users/answers";
import { ownProfile } from "@/lib/users/profile";

// GET|POST /api/fetch_userinfo – the caller's own profile (legacy fields plus the newer ones).
export const POST = defineRoute(
  { auth: "user", params: z.object({}), answer: ownProfileAnswer },
  async ({ user }) => ownProfile(user.id),
);
export const GET = POST;
