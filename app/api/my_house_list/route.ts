import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { myHouseList } from "@/lib/houses/queries";
import { freshnessFields, ownerModerationAnswer } from "@/lib/moderation/answers";

// POST /api/my_house_list – the caller's listings (deleted ones excluded), newest first.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({}),
    answer: z.array(
      z.object({
        id: z.number().int(),
        house_size: z.number().nullable(),
        house_type: z.string().nullable(),
        house_rent: z.number().nullable(),
        payment_type: z.string().nullable(),
        praise_count: z.number().int(),
        status: z.number().int().describe("0 draft, 1 published, 2 offline"),
        create_date: z.string(),
        create_time_duration: z.number().int().describe("seconds since creation"),
        house_photo: z.array(
          z.object({
            id: z.number().int(),
            photo_url: z.string().nullable(),
            thumb_url: z.string().nullable(),
            rooms_type: z.number().int(),
          }),
        ),
        house_video: z.array(
          z.object({ id: z.number().int(), video_clip_url: z.string().nullable() }),
        ),
        description_title: z.string().nullable(),
        district_name: z.string().nullable(),
        cover_thumb_url: z.string().nullable(),
        release_time: z.string().nullable(),
        moderation_state: z.number().int().describe("0 visible, 1 held for review, 2 taken down"),
        moderation_state_text: z.string(),
        moderation: ownerModerationAnswer,
        property_verification_id: z.number().int().nullable(),
        ...freshnessFields,
      }),
    ),
  },
  async ({ user }) => myHouseList(user.id),
);
export const GET = POST;
