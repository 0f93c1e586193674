import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { tokenFromRequest } from "@/lib/auth/current-user";
import { revokeToken } from "@/lib/auth/tokens";

// GET|POST /api/logout – revokes the API token the request was made with.
export const POST = defineRoute({ auth: "user", params: z.object({}) }, async ({ request }) => {
  const token = tokenFromRequest(request);
  if (token) await revokeToken(token);
  return {};
});
export const GET = POST;
