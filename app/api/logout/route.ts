import { z } from "zod";
import { emptyAnswer } from "@/lib/api/answers";
import { defineRoute } from "@/lib/api/route";
import { tokenFromRequest } from "@/lib/auth/current-user";
import { revokeToken } from "@/lib/auth/tokens";

// GET|POST /api/logout – revokes the API token the request was made with.
export const POST = defineRoute(
  { auth: "user", params: z.object({}), answer: emptyAnswer },
  async ({ request }) => {
    const token = tokenFromRequest(request);
    if (token) await revokeToken(token);
  },
);
export const GET = POST;
