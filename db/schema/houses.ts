import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { users } from "./users";

/** Legacy status numbers, which clients read: 0 draft, 1 published, 2 offline, 3 deleted. */
export const HouseStatus = { draft: 0, published: 1, offline: 2, deleted: 3 } as const;
export type HouseStatusValue = (typeof HouseStatus)[keyof typeof HouseStatus];

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
    releaseTime: integer("release_time", { mode: "timestamp_ms" }),
    submissionTime: integer("submission_time", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("houses_user_idx").on(t.userId, t.status),
    index("houses_status_geo_idx").on(t.status, t.latitude, t.longitude),
  ],
);

export const housePhotos = sqliteTable(
  "house_photos",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    houseId: integer("house_id")
      .notNull()
      .references(() => houses.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    storageKey: text("storage_key").notNull(),
    thumbKey: text("thumb_key").notNull(),
    /** 1 master bedroom, 2 second bedroom, 3 living room, 4 kitchen, 5 bathroom, 6 balcony, 7 other. */
    roomsType: integer("rooms_type").notNull(),
    roomsArea: integer("rooms_area"),
    roomsOrientation: text("rooms_orientation"),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("house_photos_house_idx").on(t.houseId, t.sortOrder)],
);

export const houseVideos = sqliteTable(
  "house_videos",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    houseId: integer("house_id")
      .notNull()
      .references(() => houses.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    storageKey: text("storage_key").notNull(),
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
