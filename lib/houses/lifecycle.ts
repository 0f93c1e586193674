import "server-only";
import { and, count, eq, inArray } from "drizzle-orm";
import { changedRows } from "@/db";
import {
  type House,
  HouseStatus,
  type HouseStatusValue,
  housePhotos,
  houses,
  houseVideos,
  ModerationState,
  users,
} from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import type { Connection } from "@/lib/houses/access";
import { REQUIRED_FOR_RELEASE } from "@/lib/houses/fields";
import { columnName } from "@/lib/houses/listing";
import { deleteFilesQuietly } from "@/lib/storage/with-files";

// The listing state machine: 0 draft → 1 published (release), 1 → 2 offline (pull off),
// 2 → 1 (release), any non-deleted → 3 deleted (soft, final). Each transition is one guarded
// UPDATE … WHERE status IN (…) inside one write transaction, so no request can skip a state.

const TRANSITIONS = {
  release: { from: [HouseStatus.draft, HouseStatus.offline], to: HouseStatus.published },
  pulloff: { from: [HouseStatus.published], to: HouseStatus.offline },
  delete: {
    from: [HouseStatus.draft, HouseStatus.published, HouseStatus.offline],
    to: HouseStatus.deleted,
  },
} as const satisfies Record<string, { from: readonly HouseStatusValue[]; to: HouseStatusValue }>;

type Transition = keyof typeof TRANSITIONS;

const STATUS_NAMES: Record<number, string> = { 0: "草稿", 1: "已发布", 2: "已下架", 3: "已删除" };
const ACTION_NAMES: Record<Transition, string> = {
  release: "发布",
  pulloff: "下架",
  delete: "删除",
};

/** The caller's listing for a status change: someone else's deleted listing stays hidden. */
async function houseForTransition(
  conn: Connection,
  houseId: number,
  userId: number,
): Promise<House> {
  const house = await conn.select().from(houses).where(eq(houses.id, houseId)).get();
  if (!house) throw ApiError.notFound("房源");
  if (house.userId !== userId) {
    if (house.status === HouseStatus.deleted) throw ApiError.notFound("房源");
    throw ApiError.forbidden("只能操作自己的房源");
  }
  return house;
}

/** What a listing still lacks before it can be published (names the editor highlights). */
async function missingForRelease(conn: Connection, house: House): Promise<string[]> {
  const missing: string[] = REQUIRED_FOR_RELEASE.filter((name) => house[columnName(name)] == null);
  const photos = await conn
    .select({ n: count() })
    .from(housePhotos)
    .where(eq(housePhotos.houseId, house.id))
    .get();
  if (!photos?.n) missing.push("photos");
  const owner = await conn
    .select({ savedAt: users.profileSavedAt })
    .from(users)
    .where(eq(users.id, house.userId))
    .get();
  if (!owner?.savedAt) missing.push("profile");
  if (needsVerificationCode(house.provinceCode) && !house.verificationCode?.trim())
    missing.push("verification_code");
  return missing;
}

/** Beijing and Shanghai require the government 房源核验码 on every online rental listing. */
const VERIFICATION_CODE_PROVINCES: readonly number[] = [110000, 310000];

export function needsVerificationCode(provinceCode: number | null): boolean {
  return provinceCode !== null && VERIFICATION_CODE_PROVINCES.includes(provinceCode);
}

export const USER_TYPE_LABELS: Record<number, string> = { 1: "房东", 2: "二房东", 3: "中介" };

/**
 * A personal landlord (user type 1) may have MAX_PERSONAL_LISTINGS published listings; the next
 * one asks the account to declare itself 二房东 or 中介 in its profile (answer `user_type`).
 */
async function checkPersonalCap(conn: Connection, house: House): Promise<void> {
  const owner = await conn
    .select({ userType: users.userType })
    .from(users)
    .where(eq(users.id, house.userId))
    .get();
  if (owner?.userType !== 1) return;
  const max = env().MAX_PERSONAL_LISTINGS;
  const row = await conn
    .select({ n: count() })
    .from(houses)
    .where(and(eq(houses.userId, house.userId), eq(houses.status, HouseStatus.published)))
    .get();
  const published = row?.n ?? 0;
  if (published >= max) {
    throw ApiError.conflict(
      `个人房东最多同时发布 ${max} 套房源。如您是二房东或中介，请在个人资料中将身份改为“二房东”或“中介”后再发布`,
      { max, published, user_type: [2, 3] },
    );
  }
}

function transition(userId: number, houseId: number, action: Transition) {
  const rule = TRANSITIONS[action];
  return writeTransaction(async (tx) => {
    const house = await houseForTransition(tx, houseId, userId);
    if (!(rule.from as readonly number[]).includes(house.status)) {
      throw ApiError.conflict(
        `${STATUS_NAMES[house.status] ?? "当前状态"}的房源不能${ACTION_NAMES[action]}`,
        { status: house.status },
      );
    }
    if (action === "release") {
      if (house.moderationState === ModerationState.takenDown)
        throw ApiError.conflict("该房源已被平台下架，不能再发布；如有异议请在我的房源中申诉");
      const missing = await missingForRelease(tx, house);
      if (missing.length > 0) {
        const message = missing.includes("verification_code")
          ? "房源信息不完整，暂不能发布（北京、上海的房源须填写房源核验码）"
          : "房源信息不完整，暂不能发布";
        throw ApiError.conflict(message, { missing });
      }
      await checkPersonalCap(tx, house);
    }
    const now = new Date();
    const result = await tx
      .update(houses)
      .set({
        status: rule.to,
        ...(action === "release" ? { releaseTime: now, availableConfirmedAt: now } : {}),
      })
      .where(and(eq(houses.id, houseId), inArray(houses.status, [...rule.from])))
      .run();
    if (changedRows(result) !== 1) throw ApiError.conflict("房源状态已变化，请刷新后重试");
    if (action !== "delete") return [];
    // A deleted listing is never restored, so its media go with it.
    const photos = await tx
      .delete(housePhotos)
      .where(eq(housePhotos.houseId, houseId))
      .returning({ key: housePhotos.storageKey, thumb: housePhotos.thumbKey })
      .all();
    const videos = await tx
      .delete(houseVideos)
      .where(eq(houseVideos.houseId, houseId))
      .returning({ key: houseVideos.storageKey })
      .all();
    await tx.update(houses).set({ coverPhotoId: null }).where(eq(houses.id, houseId)).run();
    return [...photos.flatMap((photo) => [photo.key, photo.thumb]), ...videos.map((v) => v.key)];
  });
}

export async function releaseHouse(userId: number, houseId: number): Promise<void> {
  await transition(userId, houseId, "release");
}

export async function pulloffHouse(userId: number, houseId: number): Promise<void> {
  await transition(userId, houseId, "pulloff");
}

export async function deleteHouse(userId: number, houseId: number): Promise<void> {
  await deleteFilesQuietly(await transition(userId, houseId, "delete"));
}
