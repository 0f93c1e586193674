import { count, eq } from "drizzle-orm";
import { fileTypeFromFile } from "file-type";
import { db } from "@/db";
import { type HouseVideo, houseVideos } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { UploadedFile } from "@/lib/api/request";
import { type Connection, commitOrDiscard, ownedHouse, removeFiles } from "@/lib/houses/access";
import { fileUrl, storage } from "@/lib/storage";
import { newPublicKey, type StoredExtension } from "@/lib/storage/keys";

export const MAX_VIDEO_BYTES = 200 * 1024 * 1024;
export const MAX_VIDEOS_PER_HOUSE = 5;

const VIDEO_TYPES: Record<string, StoredExtension> = {
  "video/mp4": "mp4",
  "video/quicktime": "mov",
  "video/webm": "webm",
};

interface StoredVideo {
  key: string;
  contentType: string;
  size: number;
}

/** Checks the upload by its bytes and streams it to storage under a fresh key. */
async function storeVideo(files: UploadedFile[] | undefined): Promise<StoredVideo> {
  const file = files?.[0];
  if (!file) throw ApiError.badParam("house_video", "缺少此参数");
  const detected = await fileTypeFromFile(file.path);
  const ext = detected ? VIDEO_TYPES[detected.mime] : undefined;
  if (!detected || !ext) throw ApiError.badParam("house_video", "只支持 MP4、MOV 或 WebM 视频");
  const key = newPublicKey(ext);
  try {
    await storage().putFile(key, file.path, detected.mime);
  } catch (error) {
    await removeFiles([key]);
    throw error;
  }
  return { key, contentType: detected.mime, size: file.size };
}

export async function addVideo(
  userId: number,
  houseId: number,
  files: UploadedFile[] | undefined,
): Promise<{ id: number; url: string }> {
  ownedHouse(db(), houseId, userId);
  const video = await storeVideo(files);
  const id = await commitOrDiscard([video.key], () =>
    db().transaction(
      (tx) => {
        ownedHouse(tx, houseId, userId);
        const existing =
          tx.select({ n: count() }).from(houseVideos).where(eq(houseVideos.houseId, houseId)).get()
            ?.n ?? 0;
        if (existing >= MAX_VIDEOS_PER_HOUSE) {
          throw ApiError.conflict(`每个房源最多 ${MAX_VIDEOS_PER_HOUSE} 个视频`, {
            max: MAX_VIDEOS_PER_HOUSE,
            existing,
          });
        }
        const row = tx
          .insert(houseVideos)
          .values({
            houseId,
            userId,
            storageKey: video.key,
            contentType: video.contentType,
            sizeBytes: video.size,
          })
          .returning({ id: houseVideos.id })
          .get();
        return row.id;
      },
      { behavior: "immediate" },
    ),
  );
  return { id, url: fileUrl(video.key) as string };
}

function ownedVideo(conn: Connection, videoId: number, userId: number): HouseVideo {
  const video = conn.select().from(houseVideos).where(eq(houseVideos.id, videoId)).get();
  if (!video) throw ApiError.notFound("视频");
  ownedHouse(conn, video.houseId, userId);
  return video;
}

export async function replaceVideo(
  userId: number,
  videoId: number,
  files: UploadedFile[] | undefined,
): Promise<{ id: number; url: string }> {
  ownedVideo(db(), videoId, userId);
  const video = await storeVideo(files);
  const old = await commitOrDiscard([video.key], () =>
    db().transaction(
      (tx) => {
        const previous = ownedVideo(tx, videoId, userId);
        tx.update(houseVideos)
          .set({ storageKey: video.key, contentType: video.contentType, sizeBytes: video.size })
          .where(eq(houseVideos.id, videoId))
          .run();
        return previous;
      },
      { behavior: "immediate" },
    ),
  );
  await removeFiles([old.storageKey]);
  return { id: videoId, url: fileUrl(video.key) as string };
}

export async function deleteVideo(userId: number, videoId: number): Promise<void> {
  const old = db().transaction(
    (tx) => {
      const video = ownedVideo(tx, videoId, userId);
      tx.delete(houseVideos).where(eq(houseVideos.id, videoId)).run();
      return video;
    },
    { behavior: "immediate" },
  );
  await removeFiles([old.storageKey]);
}
