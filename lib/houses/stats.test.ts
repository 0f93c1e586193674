import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db";
import { alipayBindings, favorites, houseViewKeys, houseViews, viewingRequests } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { purgeViewKeysStep } from "@/lib/jobs/steps";
import { listViewingRequests } from "@/lib/payments/viewing-requests";
import { createUser } from "@/tests/helpers";
import { createListing, createOwner } from "@/tests/search-factory";
import { myHouseStats, recordHouseView, visitorOf } from "./stats";

const DAY = 24 * 60 * 60 * 1000;
// 10:00 in China on 2026-03-10.
const t0 = new Date("2026-03-10T02:00:00Z");
const at = (days: number) => new Date(t0.getTime() + days * DAY);

function jobContext(now: Date) {
  return { now, holder: "test", log: () => {}, clock: () => now };
}

async function statsOf(ownerId: number, houseId: number, now: Date) {
  return (await myHouseStats(ownerId, now)).find((item) => item.house_id === houseId);
}

describe("listing stats", () => {
  test("a visitor counts once a day; another day or another visitor counts again", async () => {
    const owner = await createOwner();
    const house = await createListing({ userId: owner.id });
    const alice = visitorOf({ userId: null, address: "203.0.113.7", userAgent: "Phone A" });
    const bob = visitorOf({ userId: 42, address: "203.0.113.7", userAgent: "Phone A" });
    await Promise.all([1, 2, 3].map(() => recordHouseView(house.id, alice, t0)));
    await recordHouseView(house.id, bob, at(0));
    await recordHouseView(house.id, alice, at(1));
    await recordHouseView(house.id, alice, at(10));
    const stats = await statsOf(owner.id, house.id, at(10));
    expect(stats?.days_7.views).toBe(1);
    expect(stats?.days_30.views).toBe(4);
  });

  test("the day's key is deleted by the job step, and no hash contains the visitor", async () => {
    const owner = await createOwner();
    const house = await createListing({ userId: owner.id });
    const visitor = visitorOf({ userId: null, address: "198.51.100.9", userAgent: "UA" });
    await recordHouseView(house.id, visitor, at(100));
    const day = (await db().select().from(houseViewKeys)).map((row) => row.day);
    expect(day).toContain("2026-06-18");
    const [row] = await db().select().from(houseViews).where(eq(houseViews.houseId, house.id));
    expect(row?.visitorHash).not.toContain("198.51.100.9");

    // The same day: the key stays (later views must still dedupe).
    await purgeViewKeysStep.run(jobContext(at(100)));
    expect(
      await db().select().from(houseViewKeys).where(eq(houseViewKeys.day, "2026-06-18")),
    ).toHaveLength(1);
    await purgeViewKeysStep.run(jobContext(at(101)));
    expect(
      await db().select().from(houseViewKeys).where(eq(houseViewKeys.day, "2026-06-18")),
    ).toHaveLength(0);
    // Repeating the step is harmless; the count of that day stays.
    await purgeViewKeysStep.run(jobContext(at(101)));
    expect((await statsOf(owner.id, house.id, at(101)))?.days_7.views).toBe(1);
  });

  test("favourites, viewing requests and paid requests over 7 and 30 days", async () => {
    const owner = await createOwner();
    const house = await createListing({ userId: owner.id });
    const other = await createListing({ userId: owner.id });
    const tenants = await Promise.all([1, 2, 3].map(() => createUser()));
    await writeTransaction(async (tx) => {
      await tx
        .insert(favorites)
        .values([
          { userId: tenants[0]!.user.id, houseId: house.id, createdAt: at(-2) },
          { userId: tenants[1]!.user.id, houseId: house.id, createdAt: at(-20) },
          { userId: tenants[2]!.user.id, houseId: other.id, createdAt: at(-1) },
        ])
        .run();
      await tx
        .insert(viewingRequests)
        .values([
          {
            houseId: house.id,
            ownerId: owner.id,
            tenantId: tenants[0]!.user.id,
            status: 2,
            createdAt: at(-3),
            paidAt: at(-3),
          },
          {
            houseId: house.id,
            ownerId: owner.id,
            tenantId: tenants[1]!.user.id,
            status: 1,
            createdAt: at(-12),
          },
          {
            houseId: house.id,
            ownerId: owner.id,
            tenantId: tenants[2]!.user.id,
            status: 5,
            createdAt: at(-40),
            paidAt: at(-25),
          },
        ])
        .run();
    });
    expect(await statsOf(owner.id, house.id, t0)).toEqual({
      house_id: house.id,
      days_7: { views: 0, favorites: 1, viewing_requests: 1, paid_requests: 1 },
      days_30: { views: 0, favorites: 2, viewing_requests: 2, paid_requests: 2 },
    });
    expect((await statsOf(owner.id, other.id, t0))?.days_7.favorites).toBe(1);
    // Only the owner's listings.
    expect(await myHouseStats(tenants[0]!.user.id, t0)).toEqual([]);
  });
});

describe("Zhima band on the landlord's side", () => {
  test("shown as a band, only for a paid request whose tenant consented", async () => {
    const owner = await createOwner();
    const house = await createListing({ userId: owner.id });
    const consenting = await createUser();
    const silent = await createUser();
    await writeTransaction(async (tx) => {
      for (const [tenant, score] of [
        [consenting, 687],
        [silent, 720],
      ] as const)
        await tx
          .insert(alipayBindings)
          .values({ userId: tenant.user.id, accessTokenEncrypted: "x", zhimaScore: score })
          .run();
      await tx
        .insert(viewingRequests)
        .values([
          {
            houseId: house.id,
            ownerId: owner.id,
            tenantId: consenting.user.id,
            status: 2,
            creditConsent: true,
          },
          { houseId: house.id, ownerId: owner.id, tenantId: silent.user.id, status: 2 },
        ])
        .run();
    });
    const { as_landlord } = await listViewingRequests(owner.id);
    const band = (consented: boolean) =>
      as_landlord.find((item) => item.credit_consent === consented)?.tenant_credit_band;
    expect(band(true)).toBe("650+");
    expect(band(false)).toBeNull();
    const asTenant = await listViewingRequests(consenting.user.id);
    expect(asTenant.as_tenant[0]?.tenant_credit_band).toBeNull();
    expect(JSON.stringify(as_landlord)).not.toContain("687");
  });
});
