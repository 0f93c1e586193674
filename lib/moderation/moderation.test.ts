import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { GET as queue } from "@/app/api/admin/moderation/route";
import { POST as decide } from "@/app/api/admin/moderation_decide/route";
import { POST as release } from "@/app/api/house_release/route";
import { POST as appeal } from "@/app/api/moderation/appeal/route";
import { POST as report } from "@/app/api/moderation/report/route";
import { POST as myList } from "@/app/api/my_house_list/route";
import { GET as search } from "@/app/api/search_house/route";
import { db } from "@/db";
import {
  HouseStatus,
  housePhotos,
  houses,
  ModerationState,
  moderationFlags,
  notifications,
  users,
  ViewingStatus,
  viewingRequests,
} from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { hammingDistance, hashBands, photoHash } from "@/lib/houses/photo-hash";
import { checkCopiedPhotos } from "@/lib/moderation/flags";
import { call, createUser, patternJpeg } from "@/tests/helpers";
import { addPhoto, COMPLETE, houseRow, landlord, readyDraft } from "@/tests/houses-helpers";

async function published(token: string) {
  const id = await readyDraft(token);
  const { body } = await call(release, { token, form: { house_id: id } });
  expect(body.status).toBe(0);
  return id;
}

async function inSearch(id: number) {
  const { body } = await call(search, {
    query: { longitude: COMPLETE.longitude, latitude: COMPLETE.latitude, count: 100 },
  });
  return body.ans.some((item: { house_id: number }) => item.house_id === id);
}

async function admin() {
  return createUser({ role: "admin" });
}

/** Flips `bits` low bits of a hash. */
function flip(hash: string, bits: number) {
  return (BigInt(`0x${hash}`) ^ ((1n << BigInt(bits)) - 1n)).toString(16).padStart(16, "0");
}

describe("copied photos", () => {
  it("hashes the decoded image: a re-encoded, resized copy is within 3 bits, another photo is not", async () => {
    const original = await patternJpeg(7, 320, 240);
    const copy = await sharp(original).resize(160, 120).jpeg({ quality: 75 }).toBuffer();
    const other = await patternJpeg(8, 320, 240);
    const hash = await photoHash(original);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(hammingDistance(hash, await photoHash(copy))).toBeLessThanOrEqual(3);
    expect(hammingDistance(hash, await photoHash(other))).toBeGreaterThan(10);
    expect(hashBands("0123456789abcdef")).toEqual([0x0123, 0x4567, 0x89ab, 0xcdef]);
  });

  it.each([
    [3, true],
    [4, false],
  ])("Hamming distance %i to another account's photo holds the listing: %s", async (bits, held) => {
    const first = await landlord();
    const firstId = await published(first.token);
    const original = await db()
      .select()
      .from(housePhotos)
      .where(eq(housePhotos.houseId, firstId))
      .get();
    const second = await landlord();
    const secondId = await published(second.token);
    const photo = await db()
      .select()
      .from(housePhotos)
      .where(eq(housePhotos.houseId, secondId))
      .get();
    const near = flip(original?.phash as string, bits);
    await writeTransaction((tx) =>
      checkCopiedPhotos(tx, {
        houseId: secondId,
        userId: second.user.id,
        photos: [{ id: photo?.id as number, hash: near }],
        now: new Date(),
      }),
    );
    expect((await houseRow(secondId))?.moderationState).toBe(held ? ModerationState.held : 0);
    expect(await inSearch(secondId)).toBe(!held);
    expect(await inSearch(firstId)).toBe(true);
  });

  it("the same account reusing its own photo is not a copy", async () => {
    const owner = await landlord();
    const photo = await patternJpeg();
    const a = await published(owner.token);
    await addPhoto(owner.token, a, { rooms_type: 4 }, photo);
    const b = await published(owner.token);
    await addPhoto(owner.token, b, { rooms_type: 4 }, photo);
    expect((await houseRow(b))?.moderationState).toBe(0);
  });

  it("a second landlord uploading a demo landlord's photo is held, queued side by side, taken down, told why, appeals once", async () => {
    const owner = await landlord();
    const photo = await patternJpeg(4242, 320, 240);
    const ownerHouse = await published(owner.token);
    await addPhoto(owner.token, ownerHouse, { rooms_type: 4 }, photo);

    const copier = await landlord();
    const copyHouse = await published(copier.token);
    expect(await inSearch(copyHouse)).toBe(true);
    const upload = await addPhoto(
      copier.token,
      copyHouse,
      { rooms_type: 4 },
      await sharp(photo).resize(160, 120).toBuffer(),
    );
    expect(upload.body.status).toBe(0);
    expect(await houseRow(copyHouse)).toMatchObject({
      status: HouseStatus.published,
      moderationState: ModerationState.held,
    });
    expect(await inSearch(copyHouse)).toBe(false);

    const reviewer = await admin();
    const { body } = await call(queue, { token: reviewer.token });
    const item = body.ans.items.find(
      (entry: { listing: { id: number } }) => entry.listing.id === copyHouse,
    );
    expect(item.flags[0]).toMatchObject({ kind: "copied_photo" });
    expect(item.flags[0].detail).toContain(`房源 #${ownerHouse}`);
    expect(item.flags[0].other_listing.id).toBe(ownerHouse);
    expect(item.flags[0].photo_url).toMatch(/^\/api\/file\//);
    expect(item.flags[0].other_photo_url).toMatch(/^\/api\/file\//);

    const notAdmin = await call(decide, {
      token: copier.token,
      form: { house_id: copyHouse, decision: "keep", reason: "x" },
    });
    expect(notAdmin.body.status).toBe(6);
    const decided = await call(decide, {
      token: reviewer.token,
      form: { house_id: copyHouse, decision: "take_down", reason: "照片来自其他房东的房源" },
    });
    expect(decided.body.status).toBe(0);
    expect(await houseRow(copyHouse)).toMatchObject({
      status: HouseStatus.offline,
      moderationState: ModerationState.takenDown,
    });
    const again = await call(release, { token: copier.token, form: { house_id: copyHouse } });
    expect(again.body.status).toBe(8);
    expect(again.body.msg).toContain("已被平台下架");

    const told = await db()
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, copier.user.id),
          eq(notifications.kind, "moderation_decision"),
        ),
      )
      .get();
    expect(JSON.parse(told?.payload ?? "{}").body).toContain("照片来自其他房东的房源");
    const list = await call(myList, { token: copier.token });
    const mine = list.body.ans.find((house: { id: number }) => house.id === copyHouse);
    expect(mine.moderation_state_text).toBe("已被平台下架");
    expect(mine.moderation.last_decision).toMatchObject({
      decision_text: "平台下架",
      reason: "照片来自其他房东的房源",
      can_appeal: true,
    });

    const appealed = await call(appeal, {
      token: copier.token,
      form: { house_id: copyHouse, text: "这是我自己拍的" },
    });
    expect(appealed.body.status).toBe(0);
    const twice = await call(appeal, {
      token: copier.token,
      form: { house_id: copyHouse, text: "再申诉" },
    });
    expect(twice.body.status).toBe(8);
    const final = await call(decide, {
      token: reviewer.token,
      form: { house_id: copyHouse, decision: "keep", reason: "核实为本人拍摄" },
    });
    expect(final.body.ans.on_appeal).toBe(true);
    expect((await houseRow(copyHouse))?.moderationState).toBe(0);
    expect(
      (await call(release, { token: copier.token, form: { house_id: copyHouse } })).body.status,
    ).toBe(0);
  });

  it("several photos taken over 20 km away add a note, not a hold", async () => {
    const owner = await landlord();
    const id = await published(owner.token);
    await call((await import("@/app/api/create_house_photo/route")).POST, {
      token: owner.token,
      form: { house_id: id, rooms_type: 7, gps_distance_bucket: "3|3" },
      files: [
        { field: "house_photo", name: "a.jpg", type: "image/jpeg", data: await patternJpeg() },
        { field: "house_photo", name: "b.jpg", type: "image/jpeg", data: await patternJpeg() },
      ],
    });
    expect((await houseRow(id))?.moderationState).toBe(0);
    const note = await db()
      .select()
      .from(moderationFlags)
      .where(and(eq(moderationFlags.houseId, id), eq(moderationFlags.kind, "photo_location")))
      .get();
    expect(note?.detail).toContain("超过 20 公里");
    const bad = await call((await import("@/app/api/create_house_photo/route")).POST, {
      token: owner.token,
      form: { house_id: id, rooms_type: 7, gps_distance_bucket: "9" },
      files: [
        { field: "house_photo", name: "c.jpg", type: "image/jpeg", data: await patternJpeg() },
      ],
    });
    expect(bad.body.status).toBe(2);
  });
});

describe("reports", () => {
  const send = (token: string, houseId: number, reason = 1, text = "") =>
    call(report, { token, form: { house_id: houseId, reason, text } });

  it("holds the listing at the third report from different users, not before", async () => {
    const owner = await landlord();
    const id = await published(owner.token);
    const [a, b, c] = [await createUser(), await createUser(), await createUser()];
    expect((await send(a.token, id, 1)).body.ans.held).toBe(false);
    expect((await send(a.token, id, 2)).body.status).toBe(8);
    expect((await send(b.token, id, 3)).body.ans.held).toBe(false);
    expect(await inSearch(id)).toBe(true);
    expect((await send(c.token, id, 4)).body.ans.held).toBe(true);
    expect(await inSearch(id)).toBe(false);
    const held = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, owner.user.id), eq(notifications.kind, "house_held")))
      .get();
    expect(JSON.parse(held?.payload ?? "{}").body).toContain("3 位不同用户举报");
  });

  it("holds at once on a report from a tenant who paid a viewing fee for it", async () => {
    const owner = await landlord();
    const id = await published(owner.token);
    const tenant = await createUser();
    const unpaid = await createUser();
    await writeTransaction((tx) =>
      tx
        .insert(viewingRequests)
        .values([
          {
            tenantId: tenant.user.id,
            ownerId: owner.user.id,
            houseId: id,
            status: ViewingStatus.paid,
          },
          {
            tenantId: unpaid.user.id,
            ownerId: owner.user.id,
            houseId: id,
            status: ViewingStatus.pending,
          },
        ])
        .run(),
    );
    expect((await send(unpaid.token, id, 2)).body.ans.held).toBe(false);
    expect((await send(tenant.token, id, 1)).body.ans.held).toBe(true);
    const reviewer = await admin();
    const { body } = await call(queue, { token: reviewer.token });
    const item = body.ans.items.find(
      (entry: { listing: { id: number } }) => entry.listing.id === id,
    );
    expect(item.reports.map((r: { paid_viewing: boolean }) => r.paid_viewing)).toEqual([
      false,
      true,
    ]);
    expect(item.flags[0].detail).toContain("已支付看房费的租客");
  });

  it("refuses reporting your own listing, an unpublished one, and 其他 without text", async () => {
    const owner = await landlord();
    const id = await published(owner.token);
    expect((await send(owner.token, id)).body.status).toBe(6);
    const other = await createUser();
    expect((await send(other.token, id, 5, "")).body).toMatchObject({ status: 2 });
    expect((await send(other.token, id, 9)).body.status).toBe(2);
    expect((await send(other.token, 999999)).body.status).toBe(7);
  });

  it("relabelling as 中介 changes the account's user type and releases the hold", async () => {
    const owner = await landlord();
    const id = await published(owner.token);
    const tenant = await createUser();
    await writeTransaction((tx) =>
      tx
        .insert(viewingRequests)
        .values({
          tenantId: tenant.user.id,
          ownerId: owner.user.id,
          houseId: id,
          status: ViewingStatus.viewed,
        })
        .run(),
    );
    await send(tenant.token, id, 3, "见面时自称中介");
    const reviewer = await admin();
    const decided = await call(decide, {
      token: reviewer.token,
      form: { house_id: id, decision: "relabel_agent", reason: "多名租客反映为中介" },
    });
    expect(decided.body.status).toBe(0);
    expect(
      (await db().select().from(users).where(eq(users.id, owner.user.id)).get())?.userType,
    ).toBe(3);
    expect(await inSearch(id)).toBe(true);
    const nothingLeft = await call(decide, {
      token: reviewer.token,
      form: { house_id: id, decision: "keep", reason: "x" },
    });
    expect(nothingLeft.body.status).toBe(8);
    void houses;
  });
});
