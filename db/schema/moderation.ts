import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { houses } from "./houses";
import { users } from "./users";

/** 1 已出租, 2 虚假房源, 3 中介冒充房东, 4 价格不符, 5 其他. */
export const listingReports = sqliteTable(
  "listing_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    houseId: integer("house_id")
      .notNull()
      .references(() => houses.id, { onDelete: "cascade" }),
    reporterId: integer("reporter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: integer("reason").notNull(),
    text: text("text").notNull().default(""),
    /** The reporter had paid a viewing fee for this listing when reporting. */
    paidViewing: integer("paid_viewing", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    /** Set by the admin decision that closed the case. */
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("listing_reports_house_idx").on(t.houseId, t.resolvedAt)],
);

export const moderationFlagKinds = [
  "copied_photo",
  "reports",
  "photo_location",
  "property_link",
  "appeal",
] as const;
export type ModerationFlagKind = (typeof moderationFlagKinds)[number];

/** Why a listing is in the moderation queue: one row per automatic finding, explained in Chinese. */
export const moderationFlags = sqliteTable(
  "moderation_flags",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    houseId: integer("house_id")
      .notNull()
      .references(() => houses.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: moderationFlagKinds }).notNull(),
    /** The explanation shown to the admin and the landlord. */
    detail: text("detail").notNull(),
    /** For a copied photo: the other account's listing and photo, shown side by side. */
    otherHouseId: integer("other_house_id").references(() => houses.id, { onDelete: "set null" }),
    photoId: integer("photo_id"),
    otherPhotoId: integer("other_photo_id"),
    createdAt: createdAt(),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("moderation_flags_house_idx").on(t.houseId, t.resolvedAt)],
);

export const moderationDecisionKinds = [
  "keep",
  "require_changes",
  "take_down",
  "relabel_agent",
] as const;
export type ModerationDecisionKind = (typeof moderationDecisionKinds)[number];

/** Every admin decision, with the reason the landlord is told; one appeal per decision. */
export const moderationDecisions = sqliteTable(
  "moderation_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    houseId: integer("house_id")
      .notNull()
      .references(() => houses.id, { onDelete: "cascade" }),
    adminId: integer("admin_id").references(() => users.id, { onDelete: "set null" }),
    decision: text("decision", { enum: moderationDecisionKinds }).notNull(),
    reason: text("reason").notNull(),
    /** A decision taken on an appeal is final (no second appeal). */
    onAppeal: integer("on_appeal", { mode: "boolean" }).notNull().default(false),
    appealText: text("appeal_text"),
    appealedAt: integer("appealed_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("moderation_decisions_house_idx").on(t.houseId, t.id)],
);

export type ListingReport = typeof listingReports.$inferSelect;
export type ModerationFlag = typeof moderationFlags.$inferSelect;
export type ModerationDecision = typeof moderationDecisions.$inferSelect;
