import { z } from "zod";
import { emptyAnswer } from "@/lib/api/answers";
import { id } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { photoIdList, setPhotoOrder } from "@/lib/houses/photos";

// POST /api/set_house_photo_order – photo_ids "3|1|2": the new order, the first is the cover.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({ house_id: id(), photo_ids: photoIdList }),
    answer: emptyAnswer,
  },
  async ({ params, user }) => setPhotoOrder(user.id, params.house_id, params.photo_ids),
);
export const GET = POST;
