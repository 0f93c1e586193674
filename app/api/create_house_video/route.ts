import { z } from "zod";
import { id } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { videoAnswer } from "@/lib/houses/answers";
import { addVideo, MAX_VIDEO_BYTES } from "@/lib/houses/videos";

// POST /api/create_house_video – one MP4/MOV/WebM `house_video`, streamed to storage.
export const POST = defineRoute(
  {
    auth: "user",
    answer: videoAnswer,
    params: z.object({ house_id: id() }),
    files: { house_video: { maxBytes: MAX_VIDEO_BYTES } },
  },
  async ({ params, user, files }) => addVideo(user.id, params.house_id, files.house_video),
);
export const GET = POST;
