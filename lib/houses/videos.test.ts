import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as createVideo } from "@/app/api/create_house_video/route";
import { POST as deleteVideo } from "@/app/api/delete_house_video/route";
import { POST as updateVideo } from "@/app/api/update_house_video/route";
import { db } from "@/db";
import { houses, houseVideos } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { env } from "@/lib/env";
import { MAX_VIDEO_BYTES } from "@/lib/houses/videos";
import { call, jpegBytes, mp4Bytes, storedFiles, type TestFile } from "@/tests/helpers";
import { draft, landlord } from "@/tests/houses-helpers";

const mp4 = (field = "house_video"): TestFile => ({
  field,
  name: "tour.mp4",
  type: "video/mp4",
  data: mp4Bytes(),
});
const webm = (): TestFile => ({
  field: "house_video",
  name: "clip",
  type: "application/octet-stream",
  // EBML header with DocType "webm".
  data: Buffer.from([
    0x1a,
    0x45,
    0xdf,
    0xa3,
    0x9f,
    0x42,
    0x86,
    0x81,
    0x01,
    0x42,
    0xf7,
    0x81,
    0x01,
    0x42,
    0xf2,
    0x81,
    0x04,
    0x42,
    0xf3,
    0x81,
    0x08,
    0x42,
    0x82,
    0x84,
    0x77,
    0x65,
    0x62,
    0x6d,
    0x42,
    0x87,
    0x81,
    0x04,
    0x42,
    0x85,
    0x81,
    0x02,
    ...Buffer.alloc(32),
  ]),
});
const videosOf = (houseId: number) =>
  db().select().from(houseVideos).where(eq(houseVideos.houseId, houseId)).all();

describe("/api/create_house_video", () => {
  it("stores each video under its own key and answers {id, url}", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    const first = await call(createVideo, { token, form: { house_id: id }, files: [mp4()] });
    const second = await call(createVideo, { token, form: { house_id: id }, files: [webm()] });
    expect(first.body.status).toBe(0);
    expect(first.body.ans.url).toMatch(/^\/api\/file\/public\/[0-9a-f-]{36}\.mp4$/);
    expect(second.body.ans.url).toMatch(/\.webm$/);
    expect(first.body.ans.url).not.toBe(second.body.ans.url);
    expect(await videosOf(id)).toMatchObject([
      { id: first.body.ans.id, contentType: "video/mp4", sizeBytes: mp4Bytes().length },
      { id: second.body.ans.id, contentType: "video/webm" },
    ]);
    const files = storedFiles();
    expect(files).toContain(first.body.ans.url.replace("/api/file/", ""));
    expect(files).toContain(second.body.ans.url.replace("/api/file/", ""));
  });

  it.each([
    ["a text file named .mp4", async () => Buffer.from("just text, not a video")],
    ["a JPEG named .mp4", () => jpegBytes()],
  ])("refuses %s and stores nothing", async (_, bytes) => {
    const { token } = await landlord();
    const id = await draft(token);
    const before = storedFiles();
    const { http, body } = await call(createVideo, {
      token,
      form: { house_id: id },
      files: [{ field: "house_video", name: "x.mp4", type: "video/mp4", data: await bytes() }],
    });
    expect(http).toBe(400);
    expect(body).toMatchObject({ status: 2, ans: { field: "house_video" } });
    expect(storedFiles()).toEqual(before);
    expect(await videosOf(id)).toEqual([]);
  });

  it("refuses a video over 200 MB with status 9 (HTTP 413), streamed from a sparse file", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    const file = path.join(env().DATA_DIR, "big.mp4");
    fs.writeFileSync(file, mp4Bytes());
    fs.truncateSync(file, MAX_VIDEO_BYTES + 1);
    const form = new FormData();
    form.append("house_id", String(id));
    form.append("house_video", await fs.openAsBlob(file, { type: "video/mp4" }), "big.mp4");
    const before = storedFiles();
    const response = await createVideo(
      new Request("http://localhost:3000/api/create_house_video", {
        method: "POST",
        headers: { token },
        body: form,
      }),
    );
    fs.rmSync(file);
    expect(response.status).toBe(413);
    expect((await response.json()).status).toBe(9);
    expect(storedFiles()).toEqual(before);
    expect(await videosOf(id)).toEqual([]);
  }, 60_000);

  it("requires the file", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    const { body } = await call(createVideo, { token, form: { house_id: id } });
    expect(body).toMatchObject({ status: 2, ans: { field: "house_video" } });
  });

  it("allows at most 5 videos per listing and leaves no file for the refused one", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    for (let index = 0; index < 5; index += 1) {
      expect(
        (await call(createVideo, { token, form: { house_id: id }, files: [mp4()] })).body.status,
      ).toBe(0);
    }
    const before = storedFiles();
    const over = await call(createVideo, { token, form: { house_id: id }, files: [mp4()] });
    expect(over).toMatchObject({ http: 409, body: { status: 8 } });
    expect(storedFiles()).toEqual(before);
    expect(await videosOf(id)).toHaveLength(5);
  });

  it("refuses another user's listing (status 6) and a deleted one (status 7), storing nothing", async () => {
    const owner = await landlord();
    const other = await landlord();
    const id = await draft(owner.token);
    const before = storedFiles();
    const forbidden = await call(createVideo, {
      token: other.token,
      form: { house_id: id },
      files: [mp4()],
    });
    expect(forbidden).toMatchObject({ http: 403, body: { status: 6 } });
    await writeTransaction((tx) =>
      tx.update(houses).set({ status: 3 }).where(eq(houses.id, id)).run(),
    );
    const gone = await call(createVideo, {
      token: owner.token,
      legacy: true,
      form: { house_id: id },
      files: [mp4()],
    });
    expect(gone).toMatchObject({ http: 200, body: { status: 7 } });
    expect(storedFiles()).toEqual(before);
  });
});

describe("/api/update_house_video and /api/delete_house_video", () => {
  it("replaces a video and removes the old file after the commit", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    const created = await call(createVideo, { token, form: { house_id: id }, files: [mp4()] });
    const oldKey = created.body.ans.url.replace("/api/file/", "");
    const before = storedFiles();
    const { body } = await call(updateVideo, {
      token,
      form: { video_id: created.body.ans.id },
      files: [webm()],
    });
    expect(body.status).toBe(0);
    expect(body.ans).toMatchObject({ id: created.body.ans.id });
    const files = storedFiles();
    expect(files).toHaveLength(before.length);
    expect(files).not.toContain(oldKey);
    expect(files).toContain(body.ans.url.replace("/api/file/", ""));
    expect(await videosOf(id)).toMatchObject([{ contentType: "video/webm" }]);
    const legacy = await call(updateVideo, {
      token,
      legacy: true,
      form: { video_id: 99999 },
      files: [mp4()],
    });
    expect(legacy).toMatchObject({ http: 200, body: { status: 7 } });
  });

  it("keeps the old video when the new file is refused", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    const created = await call(createVideo, { token, form: { house_id: id }, files: [mp4()] });
    const before = storedFiles();
    const { body } = await call(updateVideo, {
      token,
      form: { video_id: created.body.ans.id },
      files: [
        { field: "house_video", name: "x.mp4", type: "video/mp4", data: Buffer.from("<html>") },
      ],
    });
    expect(body.status).toBe(2);
    expect(storedFiles()).toEqual(before);
    expect(await videosOf(id)).toHaveLength(1);
  });

  it("refuses other users on update and delete (status 6), changing nothing", async () => {
    const owner = await landlord();
    const other = await landlord();
    const id = await draft(owner.token);
    const videoId = (
      await call(createVideo, { token: owner.token, form: { house_id: id }, files: [mp4()] })
    ).body.ans.id;
    const before = storedFiles();
    const update = await call(updateVideo, {
      token: other.token,
      form: { video_id: videoId },
      files: [mp4()],
    });
    expect(update).toMatchObject({ http: 403, body: { status: 6 } });
    const remove = await call(deleteVideo, { token: other.token, form: { video_id: videoId } });
    expect(remove).toMatchObject({ http: 403, body: { status: 6 } });
    expect(storedFiles()).toEqual(before);
    expect(await videosOf(id)).toHaveLength(1);
  });

  it("deletes a video and its file", async () => {
    const { token } = await landlord();
    const id = await draft(token);
    const before = storedFiles();
    const videoId = (await call(createVideo, { token, form: { house_id: id }, files: [mp4()] }))
      .body.ans.id;
    const { body } = await call(deleteVideo, { token, form: { video_id: videoId } });
    expect(body.status).toBe(0);
    expect(await videosOf(id)).toEqual([]);
    expect(storedFiles()).toEqual(before);
    const legacy = await call(deleteVideo, { token, legacy: true, form: { video_id: videoId } });
    expect(legacy).toMatchObject({ http: 200, body: { status: 7 } });
  });
});
