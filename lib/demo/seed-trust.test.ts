import { isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { housePhotos, houses } from "@/db/schema";
import { seedDemo } from "@/lib/demo/seed";
import { houseOwnership } from "@/lib/houses/ownership";
import { COPY_DISTANCE, hammingDistance } from "@/lib/houses/photo-hash";

describe("demo data and the trust rules", () => {
  it("gives each landlord distinct photos, confirms listings as of seeding, proves one flat each", async () => {
    const before = Date.now();
    await seedDemo();
    const photos = await db().select().from(housePhotos).all();
    expect(photos.every((photo) => /^[0-9a-f]{16}$/.test(photo.phash ?? ""))).toBe(true);
    const byLandlord = new Map<number, Set<string>>();
    for (const photo of photos)
      byLandlord.set(
        photo.userId,
        (byLandlord.get(photo.userId) ?? new Set()).add(photo.phash ?? ""),
      );
    const pools = [...byLandlord.values()].map((set) => [...set]);
    for (let a = 0; a < pools.length; a += 1)
      for (let b = a + 1; b < pools.length; b += 1)
        for (const x of pools[a] ?? [])
          for (const y of pools[b] ?? [])
            expect(hammingDistance(x, y)).toBeGreaterThan(COPY_DISTANCE);

    const all = await db().select().from(houses).all();
    for (const house of all) {
      expect(house.availableConfirmedAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(house.moderationState).toBe(0);
      if (house.provinceCode === 110000 || house.provinceCode === 310000)
        expect(house.verificationCode).toMatch(/^DEMO/);
    }
    const proven = await db()
      .select()
      .from(houses)
      .where(isNotNull(houses.propertyVerificationId))
      .all();
    expect(proven).toHaveLength(byLandlord.size);
    for (const house of proven)
      expect((await houseOwnership(house.id)).badge_text).toBe("房东本人");
  }, 60_000);
});
