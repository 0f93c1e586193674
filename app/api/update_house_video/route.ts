import { z } from "zod";
import { id } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { videoAnswer } from "@/lib/houses/answers";
import { MAX_VIDEO_BYTES, replaceVideo } from "@/lib/houses/videos";

// POST /api/update_house_video – replaces one video; the old file goes after the commit.
export const POST = defineRoute(
  {
    auth: "user",
    answer: videoAnswer,
    params: z.object({ video_id: id() }),
    files: { house_video: { maxBytes: MAX_VIDEO_BYTES } },
  },
  async ({ params, user, files }) => replaceVideo(user.id, params.video_id, files.house_video),
);
export const GET = POST;
