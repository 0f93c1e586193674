import { z } from "zod";
import { id } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { replacePhoto } from "@/lib/houses/photos";
import { MAX_IMAGE_BYTES } from "@/lib/storage/images";

// POST /api/update_house_photo – replaces one photo's image; the old file goes after the commit.
export const POST = defineRoute(
  {
    auth: "user",
    answer: z.object({ id: z.number().int(), url: z.string(), thumb_url: z.string() }),
    params: z.object({ photo_id: id() }),
    files: { house_photo: { maxBytes: MAX_IMAGE_BYTES } },
  },
  async ({ params, user, files }) => replacePhoto(user.id, params.photo_id, files.house_photo),
);
export const GET = POST;
