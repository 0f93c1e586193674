import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { tenantFees } from "@/components/house/house-facts";
import { HouseStatus, houses } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { publishedHouse } from "@/lib/houses/published-house";
import { draft, landlord } from "@/tests/houses-helpers";

describe("the public listing page's data", () => {
  it("exists only for published listings, also for their owner", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    expect(await publishedHouse(String(id))).toBeNull();

    await writeTransaction((tx) =>
      tx.update(houses).set({ status: HouseStatus.published }).where(eq(houses.id, id)).run(),
    );
    expect((await publishedHouse(String(id)))?.id).toBe(id);

    await writeTransaction((tx) =>
      tx.update(houses).set({ status: HouseStatus.offline }).where(eq(houses.id, id)).run(),
    );
    expect(await publishedHouse(String(id))).toBeNull();
  });

  it("treats malformed and unknown ids as missing", async () => {
    for (const raw of ["abc", "0", "-1", "1e3", "99999999"]) {
      expect(await publishedHouse(raw)).toBeNull();
    }
  });

  it("lists what the tenant pays besides rent, including charges billed to the tenant", async () => {
    const { token } = await landlord();
    const id = await draft(token, {
      description_title: "费用测试",
      extra_fee: "1|2|8",
      property_management_fee: 2,
      heating_charge: 2,
    });
    await writeTransaction((tx) =>
      tx.update(houses).set({ status: HouseStatus.published }).where(eq(houses.id, id)).run(),
    );
    const house = await publishedHouse(String(id));
    if (!house) throw new Error("not published");
    expect(tenantFees(house)).toEqual(["水费", "电费", "物业费", "取暖费"]);
  });
});
