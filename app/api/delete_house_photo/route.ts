import { z } from "zod";
import { emptyAnswer } from "@/lib/api/answers";
import { id } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { deletePhoto } from "@/lib/houses/photos";

// POST /api/delete_house_photo – removes one photo (row and files); owner only.
export const POST = defineRoute(
  { auth: "user", params: z.object({ photo_id: id() }), answer: emptyAnswer },
  async ({ params, user }) => deletePhoto(user.id, params.photo_id),
);
export const GET = POST;
