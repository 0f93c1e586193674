import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as deleteHouse } from "@/app/api/delete_house_info/route";
import { GET as detail } from "@/app/api/house_detail/route";
import { POST as release } from "@/app/api/house_release/route";
import { POST as myList } from "@/app/api/my_house_list/route";
import { POST as pulloff } from "@/app/api/pulloff_house/route";
import { db } from "@/db";
import { housePhotos, houses, users } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { call, createUser, storedFiles } from "@/tests/helpers";
import { addPhoto, draft, houseRow, landlord, readyDraft } from "@/tests/houses-helpers";

const ACTIONS = { release, pulloff, delete: deleteHouse };
type Action = keyof typeof ACTIONS;

async function setStatus(id: number, status: number) {
  await writeTransaction((tx) => tx.update(houses).set({ status }).where(eq(houses.id, id)).run());
}

// [from, action, to | error status]
const MATRIX: [number, Action, { to: number } | { error: number }][] = [
  [0, "release", { to: 1 }],
  [0, "pulloff", { error: 8 }],
  [0, "delete", { to: 3 }],
  [1, "release", { error: 8 }],
  [1, "pulloff", { to: 2 }],
  [1, "delete", { to: 3 }],
  [2, "release", { to: 1 }],
  [2, "pulloff", { error: 8 }],
  [2, "delete", { to: 3 }],
  [3, "release", { error: 8 }],
  [3, "pulloff", { error: 8 }],
  [3, "delete", { error: 8 }],
];

describe("listing lifecycle", () => {
  it.each(MATRIX)("status %i + %s → %j", async (from, action, outcome) => {
    const { token } = await landlord();
    const id = await readyDraft(token);
    await setStatus(id, from);
    const { body } = await call(ACTIONS[action], { token, form: { house_id: id } });
    if ("to" in outcome) {
      expect(body).toEqual({ status: 0, msg: "", ans: {} });
      expect((await houseRow(id))?.status).toBe(outcome.to);
    } else {
      expect(body.status).toBe(outcome.error);
      expect((await houseRow(id))?.status).toBe(from);
    }
  });

  it("records release_time on release and keeps submission_time", async () => {
    const { token } = await landlord();
    const id = await readyDraft(token);
    const submitted = (await houseRow(id))?.submissionTime;
    expect((await houseRow(id))?.releaseTime).toBeNull();
    await call(release, { token, form: { house_id: id } });
    const row = await houseRow(id);
    expect(row?.releaseTime).toBeInstanceOf(Date);
    expect(row?.submissionTime).toEqual(submitted);
  });

  it("refuses to publish an incomplete listing and lists exactly what is missing", async () => {
    const { token } = await createUser();
    const id = await draft(token, { house_rent: 2000 });
    const { http, body } = await call(release, { token, form: { house_id: id } });
    expect(http).toBe(409);
    expect(body.status).toBe(8);
    expect(body.ans.missing).toEqual([
      "longitude",
      "latitude",
      "house_size",
      "description_title",
      "photos",
      "profile",
    ]);
    expect((await houseRow(id))?.status).toBe(0);
  });

  it("requires the owner's saved profile even for a complete listing", async () => {
    const { user, token } = await createUser();
    const id = await readyDraft(token);
    const before = await call(release, { token, form: { house_id: id } });
    expect(before.body.ans).toEqual({ missing: ["profile"] });
    await writeTransaction((tx) =>
      tx.update(users).set({ profileSavedAt: new Date() }).where(eq(users.id, user.id)).run(),
    );
    const after = await call(release, { token, form: { house_id: id } });
    expect(after.body.status).toBe(0);
  });

  it.each(Object.keys(ACTIONS) as Action[])(
    "%s by another user is forbidden (status 6) and changes nothing",
    async (action) => {
      const owner = await landlord();
      const other = await landlord();
      const id = await readyDraft(owner.token);
      await setStatus(id, 1);
      const { http, body } = await call(ACTIONS[action], {
        token: other.token,
        form: { house_id: id },
      });
      expect(http).toBe(403);
      expect(body.status).toBe(6);
      expect((await houseRow(id))?.status).toBe(1);
    },
  );

  it("a missing listing, or someone else's deleted one, is not found (status 7)", async () => {
    const owner = await landlord();
    const other = await landlord();
    const id = await readyDraft(owner.token);
    await setStatus(id, 3);
    for (const handler of Object.values(ACTIONS)) {
      expect(
        (await call(handler, { token: other.token, form: { house_id: id } })).body.status,
      ).toBe(7);
      expect(
        (await call(handler, { token: owner.token, form: { house_id: 99999 } })).body.status,
      ).toBe(7);
    }
  });

  it("rejects a malformed house_id and answers HTTP 200 on legacy paths", async () => {
    const { token } = await landlord();
    for (const handler of Object.values(ACTIONS)) {
      const bad = await call(handler, { token, form: { house_id: "1 or 1=1" } });
      expect(bad).toMatchObject({ http: 400, body: { status: 2, ans: { field: "house_id" } } });
      const legacy = await call(handler, { token, legacy: true, form: { house_id: 99999 } });
      expect(legacy).toMatchObject({ http: 200, body: { status: 7 } });
    }
  });

  it("deleting removes the listing from my_house_list and detail, and its media for good", async () => {
    const { token } = await landlord();
    const id = await readyDraft(token);
    await call(release, { token, form: { house_id: id } });
    expect(storedFiles().length).toBeGreaterThan(0);
    const filesBefore = storedFiles();
    const { body } = await call(deleteHouse, { token, form: { house_id: id } });
    expect(body.status).toBe(0);
    expect(
      (await call(myList, { token })).body.ans.map((item: { id: number }) => item.id),
    ).not.toContain(id);
    expect((await call(detail, { token, query: { house_id: id } })).body.status).toBe(7);
    expect((await call(detail, { query: { house_id: id } })).body.status).toBe(7);
    expect(await db().select().from(housePhotos).where(eq(housePhotos.houseId, id)).all()).toEqual(
      [],
    );
    expect(storedFiles().length).toBe(filesBefore.length - 2);
    expect((await call(release, { token, form: { house_id: id } })).body.status).toBe(8);
  });

  it("takes a listing from draft to published to offline to deleted", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    expect(
      (await addPhoto(token, id, { rooms_type: 1, rooms_area: 15, rooms_orientation: "南" })).body
        .status,
    ).toBe(0);
    for (const [handler, status] of [
      [release, 1],
      [pulloff, 2],
      [release, 1],
      [pulloff, 2],
      [deleteHouse, 3],
    ] as const) {
      expect((await call(handler, { token, form: { house_id: id } })).body.status).toBe(0);
      expect((await houseRow(id))?.status).toBe(status);
    }
  });
});
