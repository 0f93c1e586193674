import "server-only";
import { count, eq } from "drizzle-orm";
import { fileTypeFromFile } from "file-type";
import { db } from "@/db";
import { houseVideos } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import type { UploadedFile } from "@/lib/api/request";
import { ownedHouse, ownedMedia } from "@/lib/houses/access";
import { fileUrl } from "@/lib/storage";
import { newPublicKey, type StoredExtension } from "@/lib/storage/keys";
import { deleteFilesQuietly, type NewFile, writeFilesThenCommit } from "@/lib/storage/with-files";

export const MAX_VIDEO_BYTES = 200 * 1024 * 1024;
const MAX_VIDEOS_PER_HOUSE = 5;

const VIDEO_TYPES: Record<string, StoredExtension> = {
  "video/mp4": "mp4",
  "video/quicktime": "mov",
  "video/webm": "webm",
};

interface PreparedVideo {
  file: NewFile;
  size: number;
}

/** Checks the upload by its bytes and names it; it is streamed to storage under a fresh key. */
async function prepareVideo(files: UploadedFile[] | undefined): Promise<PreparedVideo> {
  const file = files?.[0];
  if (!file) throw ApiError.badParam("house_video", "缺少此参数");
  const detected = await fileTypeFromFile(file.path);
  const ext = detected ? VIDEO_TYPES[detected.mime] : undefined;
  if (!detected || !ext) throw ApiError.badParam("house_video", "只支持 MP4、MOV 或 WebM 视频");
  return {
    file: { key: newPublicKey(ext), path: file.path, contentType: detected.mime },
    size: file.size,
  };
}

export async function addVideo(
  userId: number,
  houseId: number,
  files: UploadedFile[] | undefined,
): Promise<{ id: number; url: string }> {
  await ownedHouse(db(), houseId, userId);
  const video = await prepareVideo(files);
  const id = await writeFilesThenCommit([video.file], async (tx) => {
    await ownedHouse(tx, houseId, userId);
    const current = await tx
      .select({ n: count() })
      .from(houseVideos)
      .where(eq(houseVideos.houseId, houseId))
      .get();
    const existing = current?.n ?? 0;
    if (existing >= MAX_VIDEOS_PER_HOUSE) {
      throw ApiError.conflict(`每个房源最多 ${MAX_VIDEOS_PER_HOUSE} 个视频`, {
        max: MAX_VIDEOS_PER_HOUSE,
        existing,
      });
    }
    const row = await tx
      .insert(houseVideos)
      .values({
        houseId,
        userId,
        storageKey: video.file.key,
        contentType: video.file.contentType,
        sizeBytes: video.size,
      })
      .returning({ id: houseVideos.id })
      .get();
    return { result: row.id };
  });
  return { id, url: fileUrl(video.file.key) as string };
}

export async function replaceVideo(
  userId: number,
  videoId: number,
  files: UploadedFile[] | undefined,
): Promise<{ id: number; url: string }> {
  await ownedMedia(db(), houseVideos, videoId, userId);
  const video = await prepareVideo(files);
  await writeFilesThenCommit([video.file], async (tx) => {
    const previous = await ownedMedia(tx, houseVideos, videoId, userId);
    await tx
      .update(houseVideos)
      .set({
        storageKey: video.file.key,
        contentType: video.file.contentType,
        sizeBytes: video.size,
      })
      .where(eq(houseVideos.id, videoId))
      .run();
    return { result: undefined, replacedKeys: [previous.storageKey] };
  });
  return { id: videoId, url: fileUrl(video.file.key) as string };
}

export async function deleteVideo(userId: number, videoId: number): Promise<void> {
  const old = await writeTransaction(async (tx) => {
    const video = await ownedMedia(tx, houseVideos, videoId, userId);
    await tx.delete(houseVideos).where(eq(houseVideos.id, videoId)).run();
    return video;
  });
  await deleteFilesQuietly([old.storageKey]);
}
