import {
  type HousePhoto,
  HouseStatus,
  housePhotos,
  houses,
  type NewHouse,
  users,
} from "@/db/schema";
import { writeTransaction } from "@/db/write";

// Test-only helpers: listings are inserted directly (not through the listing API) so search tests
// control every column, including status and created_at.

let sequence = 0;

export async function createOwner(userType: number | null = 1) {
  // Taken before the transaction: concurrent callers wait for the write lock in between.
  sequence += 1;
  const wxOpenid = `search-owner-${process.pid}-${sequence}`;
  return writeTransaction((tx) =>
    tx.insert(users).values({ wxOpenid, userType }).returning().get(),
  );
}

/** A published listing in central Chengdu (GCJ-02) unless overridden. */
export async function createListing(values: Partial<NewHouse> = {}) {
  const userId = values.userId ?? (await createOwner()).id;
  return writeTransaction((tx) =>
    tx
      .insert(houses)
      .values({
        status: HouseStatus.published,
        longitude: 104.066541,
        latitude: 30.572269,
        houseRent: 2000,
        houseSize: 50,
        houseType: "2室1厅",
        houseRooms: 2,
        rentTimeType: 2,
        rentRoomType: 1,
        houseSource: 1,
        paymentType: "1|3",
        descriptionTitle: "普通房源",
        description: "交通便利",
        districtName: "某小区",
        ...values,
        userId,
      })
      .returning()
      .get(),
  );
}

export async function addPhoto(
  houseId: number,
  userId: number,
  sortOrder: number,
): Promise<HousePhoto> {
  return writeTransaction((tx) =>
    tx
      .insert(housePhotos)
      .values({
        houseId,
        userId,
        storageKey: `public/photo-${houseId}-${sortOrder}.jpg`,
        thumbKey: `public/thumb-${houseId}-${sortOrder}.jpg`,
        roomsType: 1,
        sortOrder,
      })
      .returning()
      .get(),
  );
}
