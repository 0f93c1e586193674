import { z } from "zod";
import { id } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { confirmViewing } from "@/lib/viewings/transitions";

// GET|POST /api/order/confirm_viewing – the tenant's 已看房: a paid request becomes viewed (status 3).
export const POST = defineRoute(
  { auth: "user", params: z.object({ pre_order_id: id() }), answer: z.object({}) },
  async ({ user, params }) => {
    await confirmViewing(user.id, params.pre_order_id);
  },
);
export const GET = POST;
