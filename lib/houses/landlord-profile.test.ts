import { describe, expect, it } from "vitest";
import { HouseStatus } from "@/db/schema";
import { landlordProfile } from "@/lib/houses/landlord-profile";
import { insertHouse } from "@/lib/payments/test-support";
import { createUser } from "@/tests/helpers";

describe("landlord public profile", () => {
  it("shows the landlord's name, badges and only their published listings, newest first", async () => {
    const landlord = await createUser({ nickname: "周房东" });
    const older = await insertHouse(landlord.user.id);
    const newer = await insertHouse(landlord.user.id);
    const draft = await insertHouse(landlord.user.id, HouseStatus.draft);
    const other = await insertHouse((await createUser()).user.id);

    const profile = await landlordProfile(String(landlord.user.id));
    expect(profile?.owner).toMatchObject({
      id: landlord.user.id,
      nickname: "周房东",
      identity_verified: false,
      property_verified: false,
      // Fewer than 3 paid requests: no reliability figures yet.
      reliability: null,
    });
    const ids = profile?.listings.map((item) => item.house_id);
    expect(ids).toEqual(expect.arrayContaining([older.id, newer.id]));
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(other.id);
    expect(profile?.listings[0]).not.toHaveProperty("distance");
  });

  it("is not found for unknown ids, malformed ids and users without a published listing", async () => {
    const tenant = await createUser({ nickname: "只是租客" });
    const drafter = await createUser();
    await insertHouse(drafter.user.id, HouseStatus.draft);
    for (const id of [
      "999999999",
      "0",
      "abc",
      "1.5",
      String(tenant.user.id),
      String(drafter.user.id),
    ])
      expect(await landlordProfile(id)).toBeNull();
  });
});
