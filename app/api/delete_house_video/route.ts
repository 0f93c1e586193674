import { z } from "zod";
import { emptyAnswer } from "@/lib/api/answers";
import { id } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { deleteVideo } from "@/lib/houses/videos";

// POST /api/delete_house_video – removes one video (row and file); owner only.
export const POST = defineRoute(
  { auth: "user", params: z.object({ video_id: id() }), answer: emptyAnswer },
  async ({ params, user }) => deleteVideo(user.id, params.video_id),
);
export const GET = POST;
