import "server-only";
import { and, asc, count, eq, max } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { HouseStatus, housePhotos, houses } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import { integer, oneOf, optional, text } from "@/lib/api/fields";
import type { UploadedFile } from "@/lib/api/request";
import { ownedHouse, ownedMedia } from "@/lib/houses/access";
import { BEDROOM_TYPES, ORIENTATIONS, ROOM_TYPES } from "@/lib/houses/labels";
import { hashColumns, photoHash } from "@/lib/houses/photo-hash";
import { checkCopiedPhotos, checkPhotoLocations } from "@/lib/moderation/flags";
import { fileUrl } from "@/lib/storage";
import { cleanImage, makeThumbnail } from "@/lib/storage/images";
import { newPublicKey } from "@/lib/storage/keys";
import { deleteFilesQuietly, type NewFile, writeFilesThenCommit } from "@/lib/storage/with-files";

export const MAX_PHOTOS_PER_HOUSE = 30;

export const roomFields = {
  rooms_type: oneOf(Object.keys(ROOM_TYPES).map(Number)),
  rooms_area: optional(integer({ min: 1, max: 200 })),
  rooms_orientation: optional(
    z.enum(ORIENTATIONS, { error: `应为 ${ORIENTATIONS.join("、")} 之一` }),
  ),
};
const roomSchema = z.object(roomFields);

/**
 * Where each photo was taken relative to the listing, as the editor read it from EXIF GPS in the
 * browser: one code per file, in order (`1|3|0`): 1 < 2 km, 2 2–20 km, 3 > 20 km, 0 unknown.
 * Never coordinates. A weak signal (a browser value can be forged): it only adds a note.
 */
export const gpsDistanceBuckets = optional(
  text({ max: 200 }).refine(
    (value) => value.split("|").every((code) => /^[0-3]$/.test(code)),
    "应为 0–3 的代码，用 | 分隔",
  ),
).transform((value) => (value ? value.split("|").map(Number) : []));
export type RoomInput = z.output<typeof roomSchema>;

/** Area and orientation describe a bedroom; for other rooms they are refused, not dropped. */
function checkRoom(room: RoomInput): void {
  if ((BEDROOM_TYPES as readonly number[]).includes(room.rooms_type)) return;
  if (room.rooms_area !== undefined) throw ApiError.badParam("rooms_area", "只有主卧、次卧可填写");
  if (room.rooms_orientation !== undefined)
    throw ApiError.badParam("rooms_orientation", "只有主卧、次卧可填写");
}

interface StoredImage {
  key: string;
  thumbKey: string;
  hash: string;
}

/** Checks and re-encodes every file first (nothing is written on a bad file), then names them. */
async function prepareImages(
  files: UploadedFile[],
): Promise<{ stored: StoredImage[]; files: NewFile[] }> {
  const stored: StoredImage[] = [];
  const newFiles: NewFile[] = [];
  for (const file of files) {
    const image = await cleanImage(file);
    const thumb = await makeThumbnail(image.buffer);
    const entry = {
      key: newPublicKey(image.ext),
      thumbKey: newPublicKey("webp"),
      hash: await photoHash(image.buffer),
    };
    stored.push(entry);
    newFiles.push(
      { key: entry.key, body: image.buffer, contentType: image.contentType },
      { key: entry.thumbKey, body: thumb, contentType: "image/webp" },
    );
  }
  return { stored, files: newFiles };
}

function requireFiles(files: UploadedFile[] | undefined): UploadedFile[] {
  if (!files?.length) throw ApiError.badParam("house_photo", "缺少此参数");
  return files;
}

export async function addPhotos(
  userId: number,
  houseId: number,
  room: RoomInput,
  files: UploadedFile[] | undefined,
  gpsBuckets: number[] = [],
  now = new Date(),
): Promise<{ url: string[]; thumb_url: string[]; id: number[] }> {
  await ownedHouse(db(), houseId, userId);
  const uploads = requireFiles(files);
  checkRoom(room);
  const { stored, files: newFiles } = await prepareImages(uploads);
  const ids = await writeFilesThenCommit(newFiles, async (tx) => {
    await ownedHouse(tx, houseId, userId);
    const current = await tx
      .select({ n: count(), last: max(housePhotos.sortOrder) })
      .from(housePhotos)
      .where(eq(housePhotos.houseId, houseId))
      .get();
    const existing = current?.n ?? 0;
    if (existing + stored.length > MAX_PHOTOS_PER_HOUSE) {
      throw ApiError.conflict(`每个房源最多 ${MAX_PHOTOS_PER_HOUSE} 张照片，已有 ${existing} 张`, {
        max: MAX_PHOTOS_PER_HOUSE,
        existing,
      });
    }
    const start = existing === 0 ? 0 : (current?.last ?? 0) + 1;
    const rows = await tx
      .insert(housePhotos)
      .values(
        stored.map((entry, index) => ({
          houseId,
          userId,
          storageKey: entry.key,
          thumbKey: entry.thumbKey,
          roomsType: room.rooms_type,
          roomsArea: room.rooms_area ?? null,
          roomsOrientation: room.rooms_orientation ?? null,
          sortOrder: start + index,
          gpsDistanceBucket: gpsBuckets[index] || null,
          ...hashColumns(entry.hash),
        })),
      )
      .returning({ id: housePhotos.id })
      .all();
    const photoIds = rows.map((row) => row.id);
    await checkCopiedPhotos(tx, {
      houseId,
      userId,
      photos: stored.map((entry, index) => ({ id: photoIds[index] as number, hash: entry.hash })),
      now,
    });
    await checkPhotoLocations(tx, houseId, now);
    return { result: photoIds };
  });
  return {
    url: stored.map((entry) => fileUrl(entry.key) as string),
    thumb_url: stored.map((entry) => fileUrl(entry.thumbKey) as string),
    id: ids,
  };
}

export async function replacePhoto(
  userId: number,
  photoId: number,
  files: UploadedFile[] | undefined,
): Promise<{ id: number; url: string; thumb_url: string }> {
  await ownedMedia(db(), housePhotos, photoId, userId);
  const upload = requireFiles(files);
  const {
    stored: [stored],
    files: newFiles,
  } = await prepareImages(upload.slice(0, 1));
  if (!stored) throw new Error("no image prepared");
  await writeFilesThenCommit(newFiles, async (tx) => {
    const photo = await ownedMedia(tx, housePhotos, photoId, userId);
    await tx
      .update(housePhotos)
      .set({ storageKey: stored.key, thumbKey: stored.thumbKey, ...hashColumns(stored.hash) })
      .where(eq(housePhotos.id, photoId))
      .run();
    await checkCopiedPhotos(tx, {
      houseId: photo.houseId,
      userId,
      photos: [{ id: photoId, hash: stored.hash }],
      now: new Date(),
    });
    return { result: undefined, replacedKeys: [photo.storageKey, photo.thumbKey] };
  });
  return {
    id: photoId,
    url: fileUrl(stored.key) as string,
    thumb_url: fileUrl(stored.thumbKey) as string,
  };
}

export async function deletePhoto(userId: number, photoId: number): Promise<void> {
  const old = await writeTransaction(async (tx) => {
    const photo = await ownedMedia(tx, housePhotos, photoId, userId);
    const house = await ownedHouse(tx, photo.houseId, userId);
    const remaining = await tx
      .select({ n: count() })
      .from(housePhotos)
      .where(eq(housePhotos.houseId, photo.houseId))
      .get();
    if (house.status === HouseStatus.published && (remaining?.n ?? 0) <= 1) {
      throw ApiError.conflict("已发布的房源至少保留一张照片（可先下架或先上传新照片）");
    }
    await tx.delete(housePhotos).where(eq(housePhotos.id, photoId)).run();
    await tx
      .update(houses)
      .set({ coverPhotoId: null })
      .where(and(eq(houses.id, photo.houseId), eq(houses.coverPhotoId, photoId)))
      .run();
    return photo;
  });
  await deleteFilesQuietly([old.storageKey, old.thumbKey]);
}

/** Sets the display order; the first photo becomes the cover. Must list exactly the listing's photos. */
export async function setPhotoOrder(
  userId: number,
  houseId: number,
  photoIds: number[],
): Promise<void> {
  await writeTransaction(async (tx) => {
    await ownedHouse(tx, houseId, userId);
    const rows = await tx
      .select({ id: housePhotos.id })
      .from(housePhotos)
      .where(eq(housePhotos.houseId, houseId))
      .orderBy(asc(housePhotos.id))
      .all();
    const current = rows.map((row) => row.id);
    const sent = [...photoIds].sort((a, b) => a - b);
    if (
      new Set(photoIds).size !== photoIds.length ||
      sent.length !== current.length ||
      sent.some((id, index) => id !== current[index])
    ) {
      throw ApiError.badParam("photo_ids", "必须包含且仅包含该房源的全部照片编号，不能重复");
    }
    for (const [index, id] of photoIds.entries())
      await tx.update(housePhotos).set({ sortOrder: index }).where(eq(housePhotos.id, id)).run();
    await tx.update(houses).set({ coverPhotoId: photoIds[0] }).where(eq(houses.id, houseId)).run();
  });
}

/** "3|1|2" (or a JSON array) → [3, 1, 2]. */
export const photoIdList = z.preprocess(
  (value) => (typeof value === "string" ? value.split("|").map((part) => part.trim()) : value),
  z.array(integer({ min: 1 }), { error: "应为用 | 分隔的照片编号" }).min(1, "缺少此参数"),
);
