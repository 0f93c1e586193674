import { eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { POST as createPhoto } from "@/app/api/create_house_photo/route";
import { POST as deletePhoto } from "@/app/api/delete_house_photo/route";
import { POST as setOrder } from "@/app/api/set_house_photo_order/route";
import { POST as updatePhoto } from "@/app/api/update_house_photo/route";
import { db } from "@/db";
import { housePhotos, houses } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { storage } from "@/lib/storage";
import { call, htmlBytes, jpegBytes, pngBytes, storedFiles, type TestFile } from "@/tests/helpers";
import { addPhoto, COMPLETE, draft, houseRow, landlord } from "@/tests/houses-helpers";

const photosOf = (houseId: number) =>
  db()
    .select()
    .from(housePhotos)
    .where(eq(housePhotos.houseId, houseId))
    .orderBy(housePhotos.sortOrder)
    .all();

async function jpeg(name = "a.jpg"): Promise<TestFile> {
  return { field: "house_photo", name, type: "image/jpeg", data: await jpegBytes() };
}

async function storedBytes(url: string): Promise<Buffer> {
  const file = await storage().get(url.replace(/^\/api\/file\//, ""));
  if (!file) throw new Error(`missing ${url}`);
  return Buffer.from(await new Response(file.body).arrayBuffer());
}

describe("/api/create_house_photo", () => {
  it("stores cleaned images and WebP thumbnails, answering the legacy {url, id} shape", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    const { body } = await call(createPhoto, {
      token,
      form: { house_id: id, rooms_type: 1, rooms_area: 15, rooms_orientation: "南" },
      files: [
        await jpeg(),
        { field: "house_photo", name: "b.png", type: "image/png", data: await pngBytes() },
      ],
    });
    expect(body.status).toBe(0);
    expect(body.ans.id).toHaveLength(2);
    expect(body.ans.url[0]).toMatch(/^\/api\/file\/public\/[0-9a-f-]{36}\.jpg$/);
    expect(body.ans.url[1]).toMatch(/\.png$/);
    const original = await storedBytes(body.ans.url[0]);
    expect((await sharp(original).metadata()).exif).toBeUndefined();
    const thumb = await sharp(await storedBytes(body.ans.thumb_url[0])).metadata();
    expect(thumb.format).toBe("webp");
    expect(await photosOf(id)).toMatchObject([
      { roomsType: 1, roomsArea: 15, roomsOrientation: "南", sortOrder: 0 },
      { roomsType: 1, roomsArea: 15, roomsOrientation: "南", sortOrder: 1 },
    ]);
    expect(storedFiles()).toEqual(
      expect.arrayContaining(
        (await photosOf(id)).flatMap((photo) => [photo.storageKey, photo.thumbKey]),
      ),
    );
  });

  it("never overwrites the listing's own size, type or direction (legacy bug)", async () => {
    const { token } = await landlord();
    const id = await draft(token, { ...COMPLETE, house_type: "2室1厅", house_direction: "南北" });
    await addPhoto(token, id, { rooms_type: 2, rooms_area: 9, rooms_orientation: "西" });
    expect(await houseRow(id)).toMatchObject({
      houseSize: 60,
      houseType: "2室1厅",
      houseDirection: "南北",
    });
  });

  it.each([
    ["rooms_type", { rooms_type: 8 }],
    ["rooms_type", {}],
    ["rooms_area", { rooms_type: 3, rooms_area: 10 }],
    ["rooms_orientation", { rooms_type: 4, rooms_orientation: "南" }],
    ["rooms_area", { rooms_type: 1, rooms_area: 0 }],
    ["rooms_area", { rooms_type: 1, rooms_area: "12.5" }],
    ["rooms_orientation", { rooms_type: 1, rooms_orientation: "上" }],
  ])("rejects a bad %s (%j) and stores nothing", async (field, form) => {
    const { token } = await landlord();
    const id = await draft(token);
    const before = storedFiles();
    const { body } = await call(createPhoto, {
      token,
      form: { house_id: id, ...form },
      files: [await jpeg()],
    });
    expect(body).toMatchObject({ status: 2, ans: { field } });
    expect(storedFiles()).toEqual(before);
    expect(await photosOf(id)).toEqual([]);
  });

  it("refuses HTML named .jpg, and a mixed batch stores nothing", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    const before = storedFiles();
    const html = { field: "house_photo", name: "x.jpg", type: "image/jpeg", data: htmlBytes };
    const { http, body } = await call(createPhoto, {
      token,
      form: { house_id: id, rooms_type: 3 },
      files: [await jpeg(), html],
    });
    expect(http).toBe(400);
    expect(body).toMatchObject({ status: 2, ans: { field: "house_photo" } });
    expect(storedFiles()).toEqual(before);
    expect(await photosOf(id)).toEqual([]);
  });

  it("refuses an image over 10 MB with status 9 (HTTP 413)", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    const before = storedFiles();
    const big = Buffer.concat([await jpegBytes(), Buffer.alloc(10 * 1024 * 1024)]);
    const { http, body } = await call(createPhoto, {
      token,
      form: { house_id: id, rooms_type: 3 },
      files: [{ field: "house_photo", name: "big.jpg", type: "image/jpeg", data: big }],
    });
    expect(http).toBe(413);
    expect(body.status).toBe(9);
    expect(storedFiles()).toEqual(before);
  });

  it("requires a file", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    const { body } = await call(createPhoto, { token, form: { house_id: id, rooms_type: 3 } });
    expect(body).toMatchObject({ status: 2, ans: { field: "house_photo" } });
  });

  it("allows at most 30 photos per listing, counting earlier uploads", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    const files = await Promise.all(Array.from({ length: 29 }, () => jpeg()));
    expect(
      (await call(createPhoto, { token, form: { house_id: id, rooms_type: 3 }, files })).body
        .status,
    ).toBe(0);
    const before = storedFiles();
    const over = await call(createPhoto, {
      token,
      form: { house_id: id, rooms_type: 3 },
      files: [await jpeg(), await jpeg()],
    });
    expect(over).toMatchObject({ http: 409, body: { status: 8, ans: { max: 30, existing: 29 } } });
    expect(storedFiles()).toEqual(before);
    expect((await addPhoto(token, id)).body.status).toBe(0);
    expect(await photosOf(id)).toHaveLength(30);
    expect((await addPhoto(token, id)).body.status).toBe(8);
  });

  it("refuses another user's listing (status 6) and a deleted one (status 7), storing nothing", async () => {
    const owner = await landlord();
    const other = await landlord();
    const id = await draft(owner.token);
    const before = storedFiles();
    const forbidden = await addPhoto(other.token, id);
    expect(forbidden).toMatchObject({ http: 403, body: { status: 6 } });
    await writeTransaction((tx) =>
      tx.update(houses).set({ status: 3 }).where(eq(houses.id, id)).run(),
    );
    expect((await addPhoto(owner.token, id)).body.status).toBe(7);
    const legacy = await call(createPhoto, {
      token: other.token,
      legacy: true,
      form: { house_id: id, rooms_type: 3 },
      files: [await jpeg()],
    });
    expect(legacy).toMatchObject({ http: 200, body: { status: 7 } });
    expect(storedFiles()).toEqual(before);
    expect(await photosOf(id)).toEqual([]);
  });
});

describe("/api/update_house_photo and /api/delete_house_photo", () => {
  it("replaces the image and removes the old files only after the commit", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    const created = await addPhoto(token, id);
    const photoId = created.body.ans.id[0];
    const [old] = await photosOf(id);
    const before = storedFiles();
    const { body } = await call(updatePhoto, {
      token,
      form: { photo_id: photoId },
      files: [{ field: "house_photo", name: "n.png", type: "image/png", data: await pngBytes() }],
    });
    expect(body.status).toBe(0);
    expect(body.ans.url).toMatch(/\.png$/);
    const [now] = await photosOf(id);
    expect(now?.id).toBe(photoId);
    expect(now?.storageKey).not.toBe(old?.storageKey);
    const files = storedFiles();
    expect(files).toHaveLength(before.length);
    expect(files).toEqual(expect.arrayContaining([now?.storageKey, now?.thumbKey]));
    expect(files).not.toContain(old?.storageKey);
    expect(files).not.toContain(old?.thumbKey);
  });

  it("keeps the old photo when the new file is refused", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    const photoId = (await addPhoto(token, id)).body.ans.id[0];
    const before = storedFiles();
    const { body } = await call(updatePhoto, {
      token,
      form: { photo_id: photoId },
      files: [{ field: "house_photo", name: "x.jpg", type: "image/jpeg", data: htmlBytes }],
    });
    expect(body.status).toBe(2);
    expect(storedFiles()).toEqual(before);
  });

  it("refuses other users (status 6) on update and delete, leaving photo and files", async () => {
    const owner = await landlord();
    const other = await landlord();
    const id = await draft(owner.token);
    const photoId = (await addPhoto(owner.token, id)).body.ans.id[0];
    const before = storedFiles();
    const update = await call(updatePhoto, {
      token: other.token,
      form: { photo_id: photoId },
      files: [await jpeg()],
    });
    expect(update).toMatchObject({ http: 403, body: { status: 6 } });
    const remove = await call(deletePhoto, { token: other.token, form: { photo_id: photoId } });
    expect(remove).toMatchObject({ http: 403, body: { status: 6 } });
    expect(storedFiles()).toEqual(before);
    expect(await photosOf(id)).toHaveLength(1);
    const missing = await call(deletePhoto, {
      token: owner.token,
      legacy: true,
      form: { photo_id: 987654 },
    });
    expect(missing).toMatchObject({ http: 200, body: { status: 7 } });
    const legacyUpdate = await call(updatePhoto, {
      token: other.token,
      legacy: true,
      form: { photo_id: photoId },
      files: [await jpeg()],
    });
    expect(legacyUpdate).toMatchObject({ http: 200, body: { status: 6 } });
  });

  it("deletes a photo with its files and clears it as cover", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    const before = storedFiles();
    const photoId = (await addPhoto(token, id)).body.ans.id[0];
    await call(setOrder, { token, form: { house_id: id, photo_ids: String(photoId) } });
    expect((await houseRow(id))?.coverPhotoId).toBe(photoId);
    const { body } = await call(deletePhoto, { token, form: { photo_id: photoId } });
    expect(body.status).toBe(0);
    expect(await photosOf(id)).toEqual([]);
    expect(storedFiles()).toEqual(before);
    expect((await houseRow(id))?.coverPhotoId).toBeNull();
  });

  it("keeps at least one photo on a published listing", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    const photoId = (await addPhoto(token, id)).body.ans.id[0];
    await writeTransaction((tx) =>
      tx.update(houses).set({ status: 1 }).where(eq(houses.id, id)).run(),
    );
    const last = await call(deletePhoto, { token, form: { photo_id: photoId } });
    expect(last).toMatchObject({ http: 409, body: { status: 8 } });
    expect(await photosOf(id)).toHaveLength(1);
    await addPhoto(token, id);
    expect((await call(deletePhoto, { token, form: { photo_id: photoId } })).body.status).toBe(0);
    expect(await photosOf(id)).toHaveLength(1);
  });
});

describe("/api/set_house_photo_order", () => {
  it("reorders the photos and makes the first the cover", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    const ids: number[] = (
      await call(createPhoto, {
        token,
        form: { house_id: id, rooms_type: 3 },
        files: [await jpeg(), await jpeg(), await jpeg()],
      })
    ).body.ans.id;
    const order = [ids[2], ids[0], ids[1]] as number[];
    const { body } = await call(setOrder, {
      token,
      form: { house_id: id, photo_ids: order.join("|") },
    });
    expect(body.status).toBe(0);
    expect((await photosOf(id)).map((photo) => photo.id)).toEqual(order);
    expect((await houseRow(id))?.coverPhotoId).toBe(order[0]);
    const legacy = await call(setOrder, {
      token,
      legacy: true,
      form: { house_id: id, photo_ids: "x" },
    });
    expect(legacy).toMatchObject({ http: 200, body: { status: 2 } });
  });

  it.each([
    ["a missing photo", (ids: number[]) => ids.slice(0, 1).join("|")],
    ["a duplicate", (ids: number[]) => [ids[0], ids[0], ids[1]].join("|")],
    ["a foreign photo", (ids: number[]) => [...ids, 999].join("|")],
    ["garbage", () => "1|a"],
  ])("refuses %s", async (_, photoIds) => {
    const { token } = await landlord();
    const id = await draft(token);
    const ids: number[] = (
      await call(createPhoto, {
        token,
        form: { house_id: id, rooms_type: 3 },
        files: [await jpeg(), await jpeg()],
      })
    ).body.ans.id;
    const { body } = await call(setOrder, {
      token,
      form: { house_id: id, photo_ids: photoIds(ids) },
    });
    expect(body.status).toBe(2);
    expect((await houseRow(id))?.coverPhotoId).toBeNull();
  });

  it("refuses another user's listing with status 6", async () => {
    const owner = await landlord();
    const other = await landlord();
    const id = await draft(owner.token);
    const photoId = (await addPhoto(owner.token, id)).body.ans.id[0];
    const { body } = await call(setOrder, {
      token: other.token,
      form: { house_id: id, photo_ids: String(photoId) },
    });
    expect(body.status).toBe(6);
    expect((await houseRow(id))?.coverPhotoId).toBeNull();
  });
});
