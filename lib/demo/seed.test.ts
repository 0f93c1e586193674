import { count, eq, ne } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import {
  HouseStatus,
  housePhotos,
  houses,
  identityVerifications,
  propertyVerifications,
  users,
} from "@/db/schema";
import { decryptText } from "@/lib/crypto";
import { demoLandlords } from "@/lib/demo/landlords";
import { databaseIsEmpty, SeedRefusedError, seedDemo } from "@/lib/demo/seed";
import { checkIdNumber } from "@/lib/identity/id-number";
import { storage } from "@/lib/storage";
import { idNumberHash } from "@/lib/verifications/identity";

describe("seedDemo", () => {
  it("fills an empty database with verified landlords and published listings with photos", async () => {
    expect(await databaseIsEmpty()).toBe(true);
    const summary = await seedDemo();
    expect(summary.landlords).toBe(demoLandlords.length);
    expect(summary.houses).toBeGreaterThanOrEqual(200);

    const landlord = await db().query.users.findFirst({
      where: eq(users.wxOpenid, "dev:demo-landlord-1"),
    });
    expect(landlord?.profileSavedAt).toBeInstanceOf(Date);
    const identity = await db().query.identityVerifications.findFirst({
      where: eq(identityVerifications.userId, landlord?.id ?? 0),
    });
    expect(identity?.status).toBe("approved");
    const property = await db().query.propertyVerifications.findFirst({
      where: eq(propertyVerifications.userId, landlord?.id ?? 0),
    });
    expect(property?.status).toBe("approved");

    const [unpublished] = await db()
      .select({ n: count() })
      .from(houses)
      .where(ne(houses.status, HouseStatus.published));
    expect(unpublished?.n).toBe(0);
    const all = await db().select().from(houses);
    const cities = new Set(all.map((house) => house.cityName));
    expect(cities).toEqual(new Set(["成都市", "北京市", "上海市"]));
    for (const house of all) {
      // GCJ-02 positions inside the three cities, never the legacy (255, 255) placeholder.
      expect(house.longitude).toBeGreaterThan(104);
      expect(house.longitude).toBeLessThan(122);
      expect(house.latitude).toBeGreaterThan(30);
      expect(house.latitude).toBeLessThan(41);
      expect(house.coverPhotoId).not.toBeNull();
      expect(house.houseRent).toBeGreaterThan(0);
    }

    const photos = await db()
      .select()
      .from(housePhotos)
      .where(eq(housePhotos.houseId, all[0]?.id ?? 0));
    expect(photos.length).toBeGreaterThanOrEqual(2);
    expect(photos.map((photo) => photo.id)).toContain(all[0]?.coverPhotoId);
    for (const photo of photos) {
      expect(await storage().get(photo.storageKey)).not.toBeNull();
      expect(await storage().get(photo.thumbKey)).not.toBeNull();
    }
    const sealed = await db().select().from(identityVerifications);
    expect(sealed.every((row) => row.idNumberMasked.includes("*"))).toBe(true);
    // Demo ID numbers pass the same check real submissions do.
    for (const row of sealed) {
      const idNumber = decryptText(row.idNumberEncrypted);
      expect(checkIdNumber(idNumber)).toBeNull();
      // Same uniqueness key as real submissions, so nobody can claim a demo landlord's number.
      expect(row.idNumberHash).toBe(idNumberHash(idNumber));
    }
  });

  it("refuses a database that already has data", async () => {
    await expect(seedDemo()).rejects.toBeInstanceOf(SeedRefusedError);
    const [rows] = await db().select({ n: count() }).from(users);
    expect(rows?.n).toBe(demoLandlords.length);
  });
});
