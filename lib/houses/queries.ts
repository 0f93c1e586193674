import "server-only";
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { db, preparedQuery } from "@/db";
import {
  type HousePhoto,
  HouseStatus,
  type HouseVideo,
  housePhotos,
  houses,
  houseVideos,
  identityVerifications,
  propertyVerifications,
  users,
} from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { chinaDate } from "@/lib/china-time";
import { coverPhoto } from "@/lib/houses/cover";
import { freshness } from "@/lib/houses/freshness";
import {
  EXTRA_FEES,
  FACILITIES,
  PAYMENT_TYPES,
  type PaymentType,
  ROOM_TYPES,
} from "@/lib/houses/labels";
import { USER_TYPE_LABELS } from "@/lib/houses/lifecycle";
import { houseOwnership } from "@/lib/houses/ownership";
import { MODERATION_STATE_TEXT, moderationForOwner } from "@/lib/moderation/decisions";
import { fileUrl } from "@/lib/storage";
import { displayName } from "@/lib/users/display-name";
import { landlordReliability } from "@/lib/viewings/reliability";

// Read models for the owner's list and the public detail page. Photos and videos are fetched
// in one query per table for all listings at once.

/** `column IN` the ids given as one JSON array: one prepared statement for any number of ids. */
const inIds = (column: SQLiteColumn) =>
  sql`${column} IN (SELECT value FROM json_each(${sql.placeholder("ids")}))`;

const listQueries = preparedQuery((database) => ({
  photos: database
    .select()
    .from(housePhotos)
    .where(inIds(housePhotos.houseId))
    .orderBy(asc(housePhotos.sortOrder), asc(housePhotos.id))
    .prepare(),
  videos: database
    .select()
    .from(houseVideos)
    .where(inIds(houseVideos.houseId))
    .orderBy(asc(houseVideos.id))
    .prepare(),
  // Only the columns the owner's list shows: an owner may have a hundred listings.
  mine: database
    .select({
      id: houses.id,
      houseSize: houses.houseSize,
      houseType: houses.houseType,
      houseRent: houses.houseRent,
      paymentType: houses.paymentType,
      praiseCount: houses.praiseCount,
      status: houses.status,
      createdAt: houses.createdAt,
      descriptionTitle: houses.descriptionTitle,
      districtName: houses.districtName,
      coverPhotoId: houses.coverPhotoId,
      releaseTime: houses.releaseTime,
      moderationState: houses.moderationState,
      propertyVerificationId: houses.propertyVerificationId,
      availableConfirmedAt: houses.availableConfirmedAt,
    })
    .from(houses)
    .where(
      and(eq(houses.userId, sql.placeholder("userId")), ne(houses.status, HouseStatus.deleted)),
    )
    .orderBy(desc(houses.createdAt), desc(houses.id))
    .prepare(),
}));

async function mediaFor(houseIds: number[]): Promise<{
  photos: Map<number, HousePhoto[]>;
  videos: Map<number, HouseVideo[]>;
}> {
  const photos = new Map<number, HousePhoto[]>();
  const videos = new Map<number, HouseVideo[]>();
  if (houseIds.length === 0) return { photos, videos };
  const ids = JSON.stringify(houseIds);
  const queries = listQueries();
  const [photoRows, videoRows] = await Promise.all([
    queries.photos.all({ ids }),
    queries.videos.all({ ids }),
  ]);
  for (const photo of photoRows) {
    photos.set(photo.houseId, [...(photos.get(photo.houseId) ?? []), photo]);
  }
  for (const video of videoRows) {
    videos.set(video.houseId, [...(videos.get(video.houseId) ?? []), video]);
  }
  return { photos, videos };
}

const codesOf = (list: string | null, names: Record<number, string>) =>
  (list ? list.split("|") : []).map((code) => ({
    code: Number(code),
    name: names[Number(code)] ?? "",
  }));

export async function myHouseList(userId: number, now = new Date()) {
  const list = await listQueries().mine.all({ userId });
  const ids = list.map((house) => house.id);
  const [{ photos, videos }, moderation] = await Promise.all([
    mediaFor(ids),
    moderationForOwner(db(), ids),
  ]);
  return list.map((house) => {
    const housePhotoList = photos.get(house.id) ?? [];
    return {
      id: house.id,
      house_size: house.houseSize,
      house_type: house.houseType,
      house_rent: house.houseRent,
      payment_type: house.paymentType,
      praise_count: house.praiseCount,
      status: house.status,
      create_date: chinaDate(house.createdAt),
      create_time_duration: Math.max(
        0,
        Math.floor((now.getTime() - house.createdAt.getTime()) / 1000),
      ),
      house_photo: housePhotoList.map((photo) => ({
        id: photo.id,
        photo_url: fileUrl(photo.storageKey),
        thumb_url: fileUrl(photo.thumbKey),
        rooms_type: photo.roomsType,
      })),
      house_video: (videos.get(house.id) ?? []).map((video) => ({
        id: video.id,
        video_clip_url: fileUrl(video.storageKey),
      })),
      description_title: house.descriptionTitle,
      district_name: house.districtName,
      cover_thumb_url: fileUrl(coverPhoto(house.coverPhotoId, housePhotoList)?.thumbKey),
      release_time: house.releaseTime?.toISOString() ?? null,
      moderation_state: house.moderationState,
      moderation_state_text: MODERATION_STATE_TEXT[house.moderationState] ?? "",
      moderation: moderation.get(house.id) ?? { open_reasons: [], last_decision: null },
      property_verification_id: house.propertyVerificationId,
      ...freshness(house.status === HouseStatus.published ? house.availableConfirmedAt : null, now),
    };
  });
}

/** A landlord as tenants see them: name, avatar, approved verifications and reliability. */
export async function ownerProfile(userId: number) {
  const owner = await db().select().from(users).where(eq(users.id, userId)).get();
  if (!owner) return null;
  const approved = async (table: typeof identityVerifications | typeof propertyVerifications) =>
    Boolean(
      await db()
        .select({ id: table.id })
        .from(table)
        .where(and(eq(table.userId, userId), eq(table.status, "approved")))
        .get(),
    );
  const [identityVerified, propertyVerified, reliability] = await Promise.all([
    approved(identityVerifications),
    approved(propertyVerifications),
    landlordReliability(owner.id),
  ]);
  return {
    id: owner.id,
    nickname: displayName(owner.nickname, owner.wxNickname) ?? "",
    headimgurl: fileUrl(owner.headimgurl) ?? owner.wxHeadimgurl ?? null,
    user_type: owner.userType,
    user_type_text: USER_TYPE_LABELS[owner.userType ?? 0] ?? "",
    identity_verified: identityVerified,
    property_verified: propertyVerified,
    reliability,
  };
}

/**
 * One listing as the detail page shows it. Published listings are public; drafts and offline
 * ones are shown only to their owner, and to anyone else look exactly like a missing id.
 */
export async function houseDetail(houseId: number, viewerId: number | null, now = new Date()) {
  const house = await db().select().from(houses).where(eq(houses.id, houseId)).get();
  const isOwner = house != null && house.userId === viewerId;
  if (
    !house ||
    house.status === HouseStatus.deleted ||
    (house.status !== HouseStatus.published && !isOwner)
  ) {
    throw ApiError.notFound("房源");
  }
  const [{ photos, videos }, ownership, owner] = await Promise.all([
    mediaFor([house.id]),
    houseOwnership(house.id),
    ownerProfile(house.userId),
  ]);
  const photoList = photos.get(house.id) ?? [];
  const rooms = new Map<number, HousePhoto[]>();
  for (const photo of photoList)
    rooms.set(photo.roomsType, [...(rooms.get(photo.roomsType) ?? []), photo]);
  const cover = coverPhoto(house.coverPhotoId, photoList);
  return {
    id: house.id,
    status: house.status,
    is_owner: isOwner,
    rent_time_type: house.rentTimeType,
    rent_room_type: house.rentRoomType,
    province_code: house.provinceCode,
    province_name: house.provinceName,
    city_code: house.cityCode,
    city_name: house.cityName,
    county_code: house.countyCode,
    county_name: house.countyName,
    district_code: house.districtCode,
    district_name: house.districtName,
    subdistrict_code: house.subdistrictCode,
    subway_station_code: house.subwayStationCode,
    // The door number is the owner's to share when a viewing is arranged.
    house_number: isOwner ? house.houseNumber : null,
    longitude: house.longitude,
    latitude: house.latitude,
    coord_type: "gcj02",
    house_size: house.houseSize,
    house_type: house.houseType,
    house_floor: house.houseFloor,
    all_floor: house.allFloor,
    house_direction: house.houseDirection,
    house_decoration: house.houseDecoration,
    house_max_livein: house.houseMaxLivein,
    house_rooms: house.houseRooms,
    house_rent: house.houseRent,
    payment_type: house.paymentType,
    payment_type_name: house.paymentType
      ? (PAYMENT_TYPES[house.paymentType as PaymentType] ?? null)
      : null,
    property_management_fee: house.propertyManagementFee,
    heating_charge: house.heatingCharge,
    description_title: house.descriptionTitle,
    description: house.description,
    traffic_condition: house.trafficCondition,
    around_condition: house.aroundCondition,
    facility: codesOf(house.facility, FACILITIES),
    extra_fee: codesOf(house.extraFee, EXTRA_FEES),
    house_characteristic: house.houseCharacteristic ? house.houseCharacteristic.split("|") : [],
    house_source: house.houseSource,
    earliest_checkin_time: house.earliestCheckinTime,
    verification_code: house.verificationCode,
    ownership,
    moderation_state: house.moderationState,
    ...freshness(house.availableConfirmedAt, now),
    praise_count: house.praiseCount,
    release_time: house.releaseTime?.toISOString() ?? null,
    create_date: chinaDate(house.createdAt),
    cover_photo_id: cover?.id ?? null,
    cover_url: fileUrl(cover?.storageKey),
    photo_ids: photoList.map((photo) => photo.id),
    photos_by_room: [...rooms.entries()]
      .sort(([a], [b]) => a - b)
      .map(([roomsType, list]) => ({
        rooms_type: roomsType,
        rooms_type_name: ROOM_TYPES[roomsType] ?? "",
        photos: list.map((photo) => ({
          id: photo.id,
          url: fileUrl(photo.storageKey),
          thumb_url: fileUrl(photo.thumbKey),
          rooms_area: photo.roomsArea,
          rooms_orientation: photo.roomsOrientation,
        })),
      })),
    videos: (videos.get(house.id) ?? []).map((video) => ({
      id: video.id,
      url: fileUrl(video.storageKey),
      content_type: video.contentType,
    })),
    owner,
  };
}
