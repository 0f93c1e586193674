import { z } from "zod";
import { id } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import {
  addPhotos,
  gpsDistanceBuckets,
  MAX_PHOTOS_PER_HOUSE,
  roomFields,
} from "@/lib/houses/photos";
import { MAX_IMAGE_BYTES } from "@/lib/storage/images";

// POST /api/create_house_photo – one or more `house_photo` files for one room type.
// `url`/`thumb_url` are absolute paths (/api/file/…); legacy clients prefixing /file/ also work.
// A photo nearly identical to one on another account's listing holds this listing for review.
export const POST = defineRoute(
  {
    auth: "user",
    answer: z.object({
      url: z.array(z.string()),
      thumb_url: z.array(z.string()),
      id: z.array(z.number().int()),
    }),
    params: z.object({ house_id: id(), ...roomFields, gps_distance_bucket: gpsDistanceBuckets }),
    files: { house_photo: { maxBytes: MAX_IMAGE_BYTES, maxCount: MAX_PHOTOS_PER_HOUSE } },
  },
  async ({ params: { house_id, gps_distance_bucket, ...room }, user, files }) =>
    addPhotos(user.id, house_id, room, files.house_photo, gps_distance_bucket),
);
export const GET = POST;
