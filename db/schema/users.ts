import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    role: text("role", { enum: ["user", "admin"] })
      .notNull()
      .default("user"),
    wxOpenid: text("wx_openid"),
    wxUnionid: text("wx_unionid"),
    wxNickname: text("wx_nickname"),
    wxSex: integer("wx_sex"),
    wxProvince: text("wx_province"),
    wxCity: text("wx_city"),
    wxCountry: text("wx_country"),
    wxHeadimgurl: text("wx_headimgurl"),
    nickname: text("nickname"),
    sex: integer("sex"),
    userType: integer("user_type"),
    selfDescription: text("self_description"),
    /** Storage key of the portrait uploaded through /create_userinfo. */
    headimgurl: text("headimgurl"),
    addressProvince: text("address_province"),
    addressCity: text("address_city"),
    birthday: text("birthday"),
    constellations: text("constellations"),
    education: text("education"),
    occupation: text("occupation"),
    tel: text("tel"),
    virtualTelFlag: integer("virtual_tel_flag"),
    virtualTel: text("virtual_tel"),
    wechat: text("wechat"),
    qq: text("qq"),
    profileSavedAt: integer("profile_saved_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_wx_openid_unique").on(t.wxOpenid),
    index("users_wx_unionid_idx").on(t.wxUnionid),
  ],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** sha256 of the token; the token itself is never stored. */
    tokenHash: text("token_hash").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_unique").on(t.tokenHash),
    index("api_tokens_user_idx").on(t.userId),
  ],
);

export const verificationStatuses = ["pending", "approved", "rejected"] as const;

/** The review state both kinds of verification share, spread after each kind's own columns. */
const reviewColumns = () => ({
  status: text("status", { enum: verificationStatuses }).notNull().default("pending"),
  rejectReason: text("reject_reason"),
  reviewedBy: integer("reviewed_by").references(() => users.id),
  reviewedAt: integer("reviewed_at", { mode: "timestamp_ms" }),
  /** Set when the retention purge deleted the document images (the decision is kept). */
  documentsDeletedAt: integer("documents_deleted_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const identityVerifications = sqliteTable(
  "identity_verifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    realName: text("real_name").notNull(),
    idNumberEncrypted: text("id_number_encrypted").notNull(),
    idNumberHash: text("id_number_hash").notNull(),
    idNumberMasked: text("id_number_masked").notNull(),
    portraitKey: text("portrait_key").notNull(),
    frontKey: text("front_key").notNull(),
    backKey: text("back_key").notNull(),
    ...reviewColumns(),
  },
  (t) => [
    uniqueIndex("identity_verifications_user_unique").on(t.userId),
    uniqueIndex("identity_verifications_id_hash_unique").on(t.idNumberHash),
    index("identity_verifications_status_idx").on(t.status),
  ],
);

export const propertyVerifications = sqliteTable(
  "property_verifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    certName: text("cert_name").notNull(),
    idNumberEncrypted: text("id_number_encrypted").notNull(),
    idNumberMasked: text("id_number_masked").notNull(),
    /** Normalised (trimmed, upper-case) certificate number; one owner per certificate. */
    certNumber: text("cert_number").notNull(),
    houseType: integer("house_type").notNull(),
    certPhotoKey: text("cert_photo_key").notNull(),
    leasePhotoKey: text("lease_photo_key"),
    /** The property's address as on the certificate (GB/T 2260 codes, then free text). */
    provinceCode: integer("province_code"),
    cityCode: integer("city_code"),
    countyCode: integer("county_code"),
    community: text("community"),
    building: text("building"),
    unit: text("unit"),
    room: text("room"),
    /** For a re-let (house_type 2): the lease's first and last day, YYYY-MM-DD. */
    leaseStart: text("lease_start"),
    leaseEnd: text("lease_end"),
    ...reviewColumns(),
  },
  (t) => [
    uniqueIndex("property_verifications_cert_unique").on(t.certNumber),
    index("property_verifications_user_idx").on(t.userId),
    index("property_verifications_status_idx").on(t.status),
  ],
);

export const payoutAccounts = sqliteTable(
  "payout_accounts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** 1 Alipay, 2 WeChat Pay, 3 bank card (the legacy API only writes 3). */
    type: integer("type").notNull(),
    accountName: text("account_name"),
    accountNumberEncrypted: text("account_number_encrypted"),
    accountNumberMasked: text("account_number_masked"),
    idNumberEncrypted: text("id_number_encrypted"),
    idNumberMasked: text("id_number_masked"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("payout_accounts_user_type_unique").on(t.userId, t.type)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    myCode: text("my_code").notNull(),
    friendCode: text("friend_code"),
    invitedBy: integer("invited_by").references(() => users.id),
    friendCodeSetAt: integer("friend_code_set_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invitations_my_code_unique").on(t.myCode),
    index("invitations_invited_by_idx").on(t.invitedBy),
  ],
);

/** Append-only audit of every read of a private document (ID cards, certificates). */
export const privateFileAccessLog = sqliteTable(
  "private_file_access_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    storageKey: text("storage_key").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    outcome: text("outcome", { enum: ["served", "denied", "missing"] }).notNull(),
    at: integer("at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
  },
  (t) => [index("private_file_access_log_key_idx").on(t.storageKey)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type IdentityVerification = typeof identityVerifications.$inferSelect;
export type PropertyVerification = typeof propertyVerifications.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
