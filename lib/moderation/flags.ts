import "server-only";
import { and, eq, inArray, isNull, ne, or } from "drizzle-orm";
import {
  HouseStatus,
  housePhotos,
  houses,
  type ModerationFlagKind,
  ModerationState,
  moderationFlags,
} from "@/db/schema";
import type { WriteTx } from "@/db/write";
import { COPY_DISTANCE, hammingDistance, hashBands } from "@/lib/houses/photo-hash";
import { notify } from "@/lib/notifications/notify";

// Automatic findings on a listing. A hold takes the listing out of search (moderation_state 1)
// until an admin decides; a note only puts it in the moderation queue. Each finding is one
// explained row in moderation_flags, and the owner is told in Chinese why.

const MY_HOUSES = "/me/houses";

interface Finding {
  houseId: number;
  kind: ModerationFlagKind;
  detail: string;
  otherHouseId?: number | null;
  photoId?: number | null;
  otherPhotoId?: number | null;
  now: Date;
}

/** Whether the listing has an unresolved flag of this kind (an appeal, a copied photo, …). */
export async function openFlagExists(
  tx: WriteTx,
  houseId: number,
  kind: ModerationFlagKind,
): Promise<boolean> {
  return Boolean(
    await tx
      .select({ id: moderationFlags.id })
      .from(moderationFlags)
      .where(
        and(
          eq(moderationFlags.houseId, houseId),
          eq(moderationFlags.kind, kind),
          isNull(moderationFlags.resolvedAt),
        ),
      )
      .get(),
  );
}

async function record(tx: WriteTx, finding: Finding): Promise<void> {
  await tx
    .insert(moderationFlags)
    .values({
      houseId: finding.houseId,
      kind: finding.kind,
      detail: finding.detail,
      otherHouseId: finding.otherHouseId ?? null,
      photoId: finding.photoId ?? null,
      otherPhotoId: finding.otherPhotoId ?? null,
      createdAt: finding.now,
    })
    .run();
}

/** Holds the listing out of search until an admin decides, and tells the owner why. */
export async function holdListing(tx: WriteTx, finding: Finding): Promise<void> {
  await record(tx, finding);
  const house = await tx
    .update(houses)
    .set({ moderationState: ModerationState.held })
    .where(and(eq(houses.id, finding.houseId), eq(houses.moderationState, ModerationState.visible)))
    .returning({ userId: houses.userId, title: houses.descriptionTitle })
    .get();
  if (!house) return;
  const title = house.title || `房源 #${finding.houseId}`;
  await notify(tx, {
    userId: house.userId,
    kind: "house_held",
    eventKey: `house_held:${finding.houseId}:${finding.now.getTime()}`,
    payload: {
      house_id: finding.houseId,
      house_title: title,
      title: "房源暂停展示，等待人工审核",
      body: `「${title}」已暂停在搜索中展示：${finding.detail}。平台审核后会通知您结果。`,
    },
    link: MY_HOUSES,
    now: finding.now,
  });
}

/** A weak signal: the listing enters the queue with a note, nothing else changes. */
export async function addNote(tx: WriteTx, finding: Finding): Promise<void> {
  if (await openFlagExists(tx, finding.houseId, finding.kind)) return;
  await record(tx, finding);
}

/**
 * Photos just stored on `houseId`: one within Hamming distance 3 of a photo on another
 * account's (non-deleted) listing holds this listing, naming both listings and photos.
 * Answers how many copies were found.
 */
export async function checkCopiedPhotos(
  tx: WriteTx,
  input: { houseId: number; userId: number; photos: { id: number; hash: string }[]; now: Date },
): Promise<number> {
  let found = 0;
  for (const photo of input.photos) {
    // A blank or uniform picture has no gradient at all (hash 0): it shows nothing to copy.
    if (/^0+$/.test(photo.hash)) continue;
    const [b0, b1, b2, b3] = hashBands(photo.hash);
    const candidates = await tx
      .select({ id: housePhotos.id, houseId: housePhotos.houseId, hash: housePhotos.phash })
      .from(housePhotos)
      .innerJoin(houses, eq(houses.id, housePhotos.houseId))
      .where(
        and(
          or(
            eq(housePhotos.phashBand0, b0),
            eq(housePhotos.phashBand1, b1),
            eq(housePhotos.phashBand2, b2),
            eq(housePhotos.phashBand3, b3),
          ),
          ne(housePhotos.userId, input.userId),
          ne(houses.status, HouseStatus.deleted),
        ),
      )
      .all();
    const copy = candidates
      .map((candidate) => ({
        ...candidate,
        distance: candidate.hash ? hammingDistance(photo.hash, candidate.hash) : 64,
      }))
      .filter((candidate) => candidate.distance <= COPY_DISTANCE)
      .sort((a, b) => a.distance - b.distance)[0];
    if (!copy) continue;
    found += 1;
    await holdListing(tx, {
      houseId: input.houseId,
      kind: "copied_photo",
      detail: `照片与其他账号的房源 #${copy.houseId} 中的照片几乎相同（64 位感知哈希相差 ${copy.distance} 位）`,
      otherHouseId: copy.houseId,
      photoId: photo.id,
      otherPhotoId: copy.id,
      now: input.now,
    });
  }
  return found;
}

const GPS_BUCKETS = { near: 1, middle: 2, far: 3 } as const;
/** How many photos taken > 20 km away make a note. */
const FAR_PHOTOS_FOR_NOTE = 2;

/** Several photos whose EXIF position is over 20 km from the listing: a moderation note. */
export async function checkPhotoLocations(tx: WriteTx, houseId: number, now: Date): Promise<void> {
  const far = await tx
    .select({ id: housePhotos.id })
    .from(housePhotos)
    .where(
      and(
        eq(housePhotos.houseId, houseId),
        inArray(housePhotos.gpsDistanceBucket, [GPS_BUCKETS.far]),
      ),
    )
    .all();
  if (far.length < FAR_PHOTOS_FOR_NOTE) return;
  await addNote(tx, {
    houseId,
    kind: "photo_location",
    detail: `${far.length} 张照片的拍摄位置（照片 EXIF，浏览器读取）距房源超过 20 公里，仅供参考`,
    now,
  });
}
