import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { viewingRequestAnswer } from "@/lib/payments/answers";
import { listViewingRequests } from "@/lib/payments/viewing-requests";

// GET|POST /api/order/list – the caller's viewing requests as tenant and as landlord.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({}),
    answer: z.object({
      as_tenant: z.array(viewingRequestAnswer),
      as_landlord: z.array(viewingRequestAnswer),
    }),
  },
  async ({ user }) => listViewingRequests(user.id),
);
export const GET = POST;
