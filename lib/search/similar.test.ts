import { beforeEach, expect, test } from "vitest";
import { db } from "@/db";
import { houses } from "@/db/schema";
import { createListing, createOwner } from "@/tests/search-factory";
import { EARTH_RADIUS_KM } from "./geo";
import { landlordOtherHouses, similarHouses } from "./similar";

const BASE = { longitude: 104.066541, latitude: 30.572269 };
const northKm = (km: number) => BASE.latitude + ((km / EARTH_RADIUS_KM) * 180) / Math.PI;

beforeEach(async () => {
  await db().delete(houses);
});

const ids = (items: { house_id: number }[]) => items.map((item) => item.house_id);

test("附近相似房源: published, within 5 km, rent ±25%, same room type, nearest first, up to 6", async () => {
  const house = await createListing({ houseRent: 4000, rentRoomType: 1 });
  const near = await Promise.all(
    [0.5, 1, 1.5, 2, 2.5, 3, 3.5].map((km) =>
      createListing({ latitude: northKm(km), houseRent: 4000 + km * 100 }),
    ),
  );
  await createListing({ latitude: northKm(5.2), houseRent: 4000 }); // too far
  await createListing({ latitude: northKm(0.2), houseRent: 5100 }); // > +25%
  await createListing({ latitude: northKm(0.2), houseRent: 2900 }); // < -25%
  await createListing({ latitude: northKm(0.2), houseRent: 4000, rentRoomType: 2 }); // a room
  await createListing({ latitude: northKm(0.2), houseRent: 4000, status: 2 }); // offline
  const edge = await createListing({ latitude: northKm(0.1), houseRent: 5000 }); // exactly +25%
  const found = await similarHouses({
    id: house.id,
    longitude: house.longitude,
    latitude: house.latitude,
    house_rent: house.houseRent,
    rent_room_type: house.rentRoomType,
  });
  expect(ids(found)).toEqual([edge.id, ...near.slice(0, 5).map((item) => item.id)]);
});

test("房东的其他房源: the same owner's other published listings, newest first", async () => {
  const owner = await createOwner();
  const house = await createListing({ userId: owner.id });
  const older = await createListing({ userId: owner.id, createdAt: new Date(1_700_000_000_000) });
  const newer = await createListing({ userId: owner.id, createdAt: new Date(1_800_000_000_000) });
  await createListing({ userId: owner.id, status: 0 });
  await createListing();
  const found = await landlordOtherHouses({
    id: house.id,
    owner_id: owner.id,
    longitude: house.longitude,
    latitude: house.latitude,
    house_rent: house.houseRent,
    rent_room_type: house.rentRoomType,
  });
  expect(ids(found)).toEqual([newer.id, older.id]);
});
