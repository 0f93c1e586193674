import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { HouseStatus, houses } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import { ownedHouse } from "@/lib/houses/access";
import {
  coordTypeField,
  LISTING_FIELD_NAMES,
  type ListingFieldName,
  type ListingInput,
  listingSchema,
  REQUIRED_FOR_RELEASE,
} from "@/lib/houses/fields";
import { columnName, listingColumns, UNCLEARABLE } from "@/lib/houses/listing";

type CoordType = "gcj02" | "wgs84" | undefined;

/** Creates a draft (status 0) owned by the caller; every sent value must be valid. */
export async function createHouse(
  userId: number,
  input: ListingInput,
  coordType: CoordType,
): Promise<{ house_id: number }> {
  const columns = await listingColumns(input, coordType, null);
  const house = await writeTransaction((tx) =>
    tx
      .insert(houses)
      .values({ ...columns, userId, status: HouseStatus.draft, submissionTime: new Date() })
      .returning({ id: houses.id })
      .get(),
  );
  return { house_id: house.id };
}

const editable = new Set<string>(LISTING_FIELD_NAMES);
/** Parameters that may accompany the edited fields without being fields themselves. */
const CONTROL = new Set(["house_id", "attr_name", "attr_value", "coord_type", "token"]);

/**
 * The fields an update_house_info request changes: the legacy `attr_name`/`attr_value` pair,
 * or several listing fields sent directly (the editor's JSON). Anything outside the listing
 * field schema (status, user_id, id, praise_count, times…) is refused, never ignored.
 */
function requestedChanges(params: Record<string, unknown>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (params.attr_name !== undefined && params.attr_name !== "") {
    const name = String(params.attr_name);
    if (!editable.has(name)) throw ApiError.badParam("attr_name", `字段 ${name} 不可修改`);
    changes[name] = params.attr_value ?? "";
  }
  for (const [name, value] of Object.entries(params)) {
    if (CONTROL.has(name)) continue;
    if (!editable.has(name)) throw ApiError.badParam(name, "此字段不可修改");
    changes[name] = value;
  }
  if (Object.keys(changes).length === 0) throw ApiError.badParam("attr_name", "缺少此参数");
  return changes;
}

export async function updateHouseInfo(
  userId: number,
  houseId: number,
  params: Record<string, unknown>,
): Promise<void> {
  const existing = await ownedHouse(db(), houseId, userId);
  const changes = requestedChanges(params);
  const input = listingSchema.parse(changes);
  const coordType = coordTypeField.parse(params.coord_type);
  // An empty value clears the field (a draft may drop what it had), but only for fields sent.
  const cleared = (Object.keys(changes) as ListingFieldName[]).filter(
    (name) => input[name] === undefined,
  );
  const fixed = cleared.find((name) => UNCLEARABLE.has(name));
  if (fixed) throw ApiError.badParam(fixed, "不能清空，请选择其他地区");
  if (cleared.includes("longitude") !== cleared.includes("latitude")) {
    const missing = cleared.includes("longitude") ? "latitude" : "longitude";
    throw ApiError.badParam(missing, "清空坐标时需同时清空 longitude 和 latitude");
  }
  const required = cleared.find((name) =>
    (REQUIRED_FOR_RELEASE as readonly string[]).includes(name),
  );
  if (required && existing.status === HouseStatus.published) {
    throw ApiError.badParam(required, "已发布的房源不能清空此项（可先下架）");
  }
  const columns = await listingColumns(input, coordType, existing);
  for (const name of cleared) (columns as Record<string, unknown>)[columnName(name)] = null;
  await writeTransaction(async (tx) => {
    // Re-checked inside the write: the listing may have been deleted meanwhile.
    await ownedHouse(tx, houseId, userId);
    await tx.update(houses).set(columns).where(eq(houses.id, houseId)).run();
  });
}
