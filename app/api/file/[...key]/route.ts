import { z } from "zod";
import { describedRoute } from "@/lib/api/described-route";
import { raw } from "@/lib/api/route";
import { serveFile } from "@/lib/files/serve";

// GET /api/file/<key> (and the legacy /file/<key>) – stored media and private documents.
export const GET = describedRoute(
  {
    auth: "optional",
    params: z.object({ key: z.string().describe("the storage key, as in the URLs answers give") }),
    answer: raw(
      "application/octet-stream",
      "The file (image/jpeg, video/mp4…), with Range support. Private documents only for their owner and admins.",
    ),
  },
  async (request: Request, context: { params: Promise<{ key: string[] }> }) =>
    serveFile(request, (await context.params).key),
);
