import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { propertyVerifications, users } from "./users";

/** Legacy status numbers, which clients read: 0 draft, 1 published, 2 offline, 3 deleted. */
export const HouseStatus = { draft: 0, published: 1, offline: 2, deleted: 3 } as const;
export type HouseStatusValue = (typeof HouseStatus)[keyof typeof HouseStatus];

/**
 * Moderation, beside the legacy status (which clients read as 0–3): 0 visible, 1 held out of
 * search until an admin decides, 2 taken down by an admin (cannot be published again).
 */
export const ModerationState = { visible: 0, held: 1, takenDown: 2 } as const;

export const houses = sqliteTable(
  "houses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: integer("status").notNull().default(HouseStatus.draft),
    rentTimeType: integer("rent_time_type"),
    rentRoomType: integer("rent_room_type"),
    provinceCode: integer("province_code"),
    provinceName: text("province_name"),
    cityCode: integer("city_code"),
    cityName: text("city_name"),
    countyCode: integer("county_code"),
    countyName: text("county_name"),
    /** The residential compound (小区); codes are the client's own, names are free text. */
    districtCode: integer("district_code"),
    districtName: text("district_name"),
    subdistrictCode: integer("subdistrict_code"),
    subwayStationCode: integer("subway_station_code"),
    houseNumber: text("house_number"),
    /** GCJ-02, as Chinese basemaps and WeChat's gcj02 use. */
    longitude: real("longitude"),
    latitude: real("latitude"),
    houseSize: integer("house_size"),
    houseType: text("house_type"),
    houseFloor: text("house_floor"),
    allFloor: integer("all_floor"),
    houseDirection: text("house_direction"),
    houseDecoration: text("house_decoration"),
    houseMaxLivein: integer("house_max_livein"),
    houseRooms: integer("house_rooms"),
    /** Monthly rent in integer yuan, as in the legacy API. */
    houseRent: integer("house_rent"),
    /** "deposit months|pay months", e.g. "1|3". */
    paymentType: text("payment_type"),
    propertyManagementFee: integer("property_management_fee"),
    heatingCharge: integer("heating_charge"),
    descriptionTitle: text("description_title"),
    description: text("description"),
    trafficCondition: text("traffic_condition"),
    aroundCondition: text("around_condition"),
    /** Code lists kept in the legacy "a|b|c" form. */
    facility: text("facility"),
    extraFee: text("extra_fee"),
    houseCharacteristic: text("house_characteristic"),
    houseSource: integer("house_source"),
    earliestCheckinTime: text("earliest_checkin_time"),
    /** City listing verification code (房源核验码), where a city requires one. */
    verificationCode: text("verification_code"),
    praiseCount: integer("praise_count").notNull().default(0),
    coverPhotoId: integer("cover_photo_id"),
    moderationState: integer("moderation_state").notNull().default(ModerationState.visible),
    /** The owner's property verification that proves this flat (房东本人 / 转租 badge). */
    propertyVerificationId: integer("property_verification_id").references(
      () => propertyVerifications.id,
      { onDelete: "set null" },
    ),
    /** When an admin confirmed that the linked certificate's address is this listing's. */
    propertyLinkConfirmedAt: integer("property_link_confirmed_at", { mode: "timestamp_ms" }),
    /** Last time the owner confirmed the flat is still available (freshness rule). */
    availableConfirmedAt: integer("available_confirmed_at", { mode: "timestamp_ms" }),
    releaseTime: integer("release_time", { mode: "timestamp_ms" }),
    submissionTime: integer("submission_time", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("houses_user_idx").on(t.userId, t.status),
    index("houses_status_geo_idx").on(t.status, t.latitude, t.longitude),
    index("houses_property_verification_idx").on(t.propertyVerificationId),
  ],
);

/** What a listing's photo and video rows share: the listing, its owner and the stored file. */
const mediaColumns = () => ({
  id: integer("id").primaryKey({ autoIncrement: true }),
  houseId: integer("house_id")
    .notNull()
    .references(() => houses.id, { onDelete: "cascade" }),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  storageKey: text("storage_key").notNull(),
});

export const housePhotos = sqliteTable(
  "house_photos",
  {
    ...mediaColumns(),
    thumbKey: text("thumb_key").notNull(),
    /** 1 master bedroom, 2 second bedroom, 3 living room, 4 kitchen, 5 bathroom, 6 balcony, 7 other. */
    roomsType: integer("rooms_type").notNull(),
    roomsArea: integer("rooms_area"),
    roomsOrientation: text("rooms_orientation"),
    sortOrder: integer("sort_order").notNull().default(0),
    /** 64-bit perceptual hash as 16 hex digits, and its four 16-bit bands (copied-photo lookup). */
    phash: text("phash"),
    phashBand0: integer("phash_band0"),
    phashBand1: integer("phash_band1"),
    phashBand2: integer("phash_band2"),
    phashBand3: integer("phash_band3"),
    /** Distance from the listing to the photo's EXIF GPS, read in the browser: 1 <2 km, 2 2–20 km, 3 >20 km. */
    gpsDistanceBucket: integer("gps_distance_bucket"),
    createdAt: createdAt(),
  },
  (t) => [
    index("house_photos_house_idx").on(t.houseId, t.sortOrder),
    index("house_photos_band0_idx").on(t.phashBand0),
    index("house_photos_band1_idx").on(t.phashBand1),
    index("house_photos_band2_idx").on(t.phashBand2),
    index("house_photos_band3_idx").on(t.phashBand3),
  ],
);

export const houseVideos = sqliteTable(
  "house_videos",
  {
    ...mediaColumns(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("house_videos_house_idx").on(t.houseId)],
);

export type House = typeof houses.$inferSelect;
export type NewHouse = typeof houses.$inferInsert;
export type HousePhoto = typeof housePhotos.$inferSelect;
export type HouseVideo = typeof houseVideos.$inferSelect;
