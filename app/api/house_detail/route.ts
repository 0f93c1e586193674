import { z } from "zod";
import { id } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { PAYMENT_TYPES } from "@/lib/houses/labels";
import { houseDetail } from "@/lib/houses/queries";
import { freshnessFields, ownershipAnswer } from "@/lib/moderation/answers";

const text = z.string().nullable();
const int = z.number().int().nullable();
const num = z.number().nullable();
const named = z.object({ code: z.number().int(), name: z.string() });

const answer = z.object({
  id: z.number().int(),
  status: z.number().int().describe("0 draft, 1 published, 2 offline"),
  is_owner: z.boolean(),
  rent_time_type: int,
  rent_room_type: int,
  province_code: int,
  province_name: text,
  city_code: int,
  city_name: text,
  county_code: int,
  county_name: text,
  district_code: int,
  district_name: text,
  subdistrict_code: int,
  subway_station_code: int,
  house_number: text,
  longitude: num,
  latitude: num,
  coord_type: z.string().describe("the coordinates' system: gcj02"),
  house_size: num,
  house_type: text,
  house_floor: text,
  all_floor: int,
  house_direction: text,
  house_decoration: text,
  house_max_livein: int,
  house_rooms: int,
  house_rent: num,
  payment_type: text,
  payment_type_name: z.enum(Object.values(PAYMENT_TYPES)).nullable(),
  property_management_fee: num,
  heating_charge: num,
  description_title: text,
  description: text,
  traffic_condition: text,
  around_condition: text,
  facility: z.array(named),
  extra_fee: z.array(named),
  house_characteristic: z.array(z.string()),
  house_source: int,
  earliest_checkin_time: text,
  verification_code: text.describe("房源核验码 (required to publish in Beijing and Shanghai)"),
  ownership: ownershipAnswer,
  moderation_state: z.number().int().describe("0 visible, 1 held for review, 2 taken down"),
  ...freshnessFields,
  praise_count: z.number().int(),
  release_time: text,
  create_date: z.string(),
  cover_photo_id: int,
  cover_url: text,
  /** Every photo id in display order (what set_house_photo_order saves; the first is the cover). */
  photo_ids: z.array(z.number()),
  photos_by_room: z.array(
    z.object({
      rooms_type: z.number().int(),
      rooms_type_name: z.string(),
      photos: z.array(
        z.object({
          id: z.number().int(),
          url: text,
          thumb_url: text,
          rooms_area: num,
          rooms_orientation: text,
        }),
      ),
    }),
  ),
  videos: z.array(z.object({ id: z.number().int(), url: text, content_type: z.string() })),
  owner: z
    .object({
      id: z.number().int(),
      nickname: z.string(),
      headimgurl: text,
      user_type: int,
      user_type_text: z.string().describe("房东, 二房东 or 中介"),
      identity_verified: z.boolean(),
      property_verified: z.boolean(),
      reliability: z
        .object({
          paid_requests: z.number().int(),
          response_rate: z.number().int().describe("percent of paid requests answered"),
          median_response_minutes: z.number().int().nullable(),
        })
        .nullable()
        .describe("last 90 days; null below 3 paid viewing requests"),
    })
    .nullable(),
});

// GET /api/house_detail?house_id= – a published listing, or the caller's own draft/offline one.
export const GET = defineRoute(
  { auth: "optional", params: z.object({ house_id: id() }), answer },
  async ({ params, user }) => houseDetail(params.house_id, user?.id ?? null),
);
export const POST = GET;
