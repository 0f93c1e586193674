import { z } from "zod";
import { id } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { viewingRequestAnswer } from "@/lib/payments/answers";
import { viewingRequestDetail } from "@/lib/payments/viewing-requests";

// GET|POST /api/order/detail – one request, for its tenant or landlord (the return page polls it).
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({ pre_order_id: id() }),
    answer: viewingRequestAnswer.extend({ role: z.enum(["tenant", "landlord"]) }),
  },
  async ({ user, params }) => viewingRequestDetail(user.id, params.pre_order_id),
);
export const GET = POST;
