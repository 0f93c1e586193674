import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as createVideo } from "@/app/api/create_house_video/route";
import { GET as detail } from "@/app/api/house_detail/route";
import { POST as release } from "@/app/api/house_release/route";
import { POST as myList } from "@/app/api/my_house_list/route";
import { houses, identityVerifications, propertyVerifications, users } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { call, createUser, mp4Bytes } from "@/tests/helpers";
import { addPhoto, COMPLETE, draft, landlord, readyDraft } from "@/tests/houses-helpers";

describe("/api/my_house_list", () => {
  it("answers an empty list, not an error, for a user without listings", async () => {
    const { token } = await createUser();
    expect((await call(myList, { token })).body).toEqual({ status: 0, msg: "", ans: [] });
    const legacy = await call(myList, { token, legacy: true });
    expect(legacy).toMatchObject({ http: 200, body: { status: 0, ans: [] } });
  });

  it("lists the caller's non-deleted listings newest first, with legacy fields and media", async () => {
    const { token } = await landlord();
    const other = await landlord();
    await draft(other.token);
    const first = await draft(token, { ...COMPLETE, payment_type: "1|3", house_type: "1室1厅" });
    const second = await draft(token, { house_rent: 900 });
    const deleted = await draft(token);
    await writeTransaction((tx) =>
      tx.update(houses).set({ status: 3 }).where(eq(houses.id, deleted)).run(),
    );
    // Creation on 2026-03-01 23:30 UTC is 2026-03-02 in Shanghai.
    await writeTransaction((tx) =>
      tx
        .update(houses)
        .set({ createdAt: new Date("2026-03-01T23:30:00Z") })
        .where(eq(houses.id, first))
        .run(),
    );
    const photo = await addPhoto(token, first, { rooms_type: 2, rooms_area: 12 });
    const video = await call(createVideo, {
      token,
      form: { house_id: first },
      files: [{ field: "house_video", name: "v.mp4", type: "video/mp4", data: mp4Bytes() }],
    });

    const { body } = await call(myList, { token });
    expect(body.status).toBe(0);
    expect(body.ans.map((item: { id: number }) => item.id)).toEqual([second, first]);
    const item = body.ans[1];
    expect(item).toMatchObject({
      id: first,
      house_size: 60,
      house_type: "1室1厅",
      house_rent: 2500,
      payment_type: "1|3",
      praise_count: 0,
      status: 0,
      create_date: "2026-03-02",
      description_title: COMPLETE.description_title,
      district_name: "锦江花园",
      release_time: null,
      house_photo: [
        {
          id: photo.body.ans.id[0],
          photo_url: photo.body.ans.url[0],
          thumb_url: photo.body.ans.thumb_url[0],
          rooms_type: 2,
        },
      ],
      house_video: [{ id: video.body.ans.id, video_clip_url: video.body.ans.url }],
      cover_thumb_url: photo.body.ans.thumb_url[0],
    });
    expect(item.create_time_duration).toBeGreaterThan(0);
    expect(body.ans[0].house_photo).toEqual([]);
  });
});

describe("/api/house_detail", () => {
  it("shows a published listing to anyone, with rooms, names and the owner's public profile", async () => {
    const { user, token } = await landlord();
    await writeTransaction((tx) =>
      tx
        .update(users)
        .set({ nickname: "王房东", tel: "13800000000", wechat: "wx-private", userType: 1 })
        .where(eq(users.id, user.id))
        .run(),
    );
    await writeTransaction((tx) =>
      tx
        .insert(identityVerifications)
        .values({
          userId: user.id,
          realName: "王某",
          idNumberEncrypted: "x",
          idNumberHash: "h",
          idNumberMasked: "1101**********1234",
          portraitKey: "k1",
          frontKey: "k2",
          backKey: "k3",
          status: "approved",
        })
        .run(),
    );
    const id = await draft(token, {
      ...COMPLETE,
      facility: "1|8",
      extra_fee: "2",
      payment_type: "1|3",
      house_number: "3栋501",
      house_characteristic: "近地铁|朝南",
    });
    await addPhoto(token, id, { rooms_type: 3 });
    const bedroom = await addPhoto(token, id, {
      rooms_type: 1,
      rooms_area: 18,
      rooms_orientation: "南",
    });
    await call(release, { token, form: { house_id: id } });

    const anonymous = await call(detail, { query: { house_id: id } });
    expect(anonymous.body.status).toBe(0);
    const ans = anonymous.body.ans;
    expect(ans).toMatchObject({
      id,
      status: 1,
      is_owner: false,
      house_rent: 2500,
      payment_type: "1|3",
      payment_type_name: "押一付三",
      facility: [
        { code: 1, name: "空调" },
        { code: 8, name: "无线网络" },
      ],
      extra_fee: [{ code: 2, name: "电费" }],
      house_characteristic: ["近地铁", "朝南"],
      house_number: null,
      county_name: "锦江区",
      owner: {
        id: user.id,
        nickname: "王房东",
        user_type: 1,
        identity_verified: true,
        property_verified: false,
      },
    });
    expect(ans.photos_by_room.map((room: { rooms_type: number }) => room.rooms_type)).toEqual([
      1, 3,
    ]);
    expect(ans.photos_by_room[0]).toMatchObject({
      rooms_type_name: "主卧",
      photos: [{ id: bedroom.body.ans.id[0], rooms_area: 18, rooms_orientation: "南" }],
    });
    const text = JSON.stringify(ans);
    for (const secret of ["13800000000", "wx-private", "王某", "1101**", "profile_saved"])
      expect(text).not.toContain(secret);
    expect((await call(detail, { token, query: { house_id: id } })).body.ans).toMatchObject({
      is_owner: true,
      house_number: "3栋501",
    });
  });

  it("shows drafts and offline listings only to their owner; others get status 7", async () => {
    const owner = await landlord();
    const other = await landlord();
    const id = await readyDraft(owner.token);
    for (const status of [0, 2]) {
      await writeTransaction((tx) =>
        tx.update(houses).set({ status }).where(eq(houses.id, id)).run(),
      );
      expect(
        (await call(detail, { token: owner.token, query: { house_id: id } })).body.status,
      ).toBe(0);
      expect(
        (await call(detail, { token: other.token, query: { house_id: id } })).body.status,
      ).toBe(7);
      const anonymous = await call(detail, { query: { house_id: id } });
      expect(anonymous).toMatchObject({ http: 404, body: { status: 7, msg: "房源不存在" } });
    }
    const missing = await call(detail, { legacy: true, query: { house_id: 424242 } });
    expect(missing).toMatchObject({ http: 200, body: { status: 7, msg: "房源不存在" } });
  });

  it("marks the owner property-verified only when approved", async () => {
    const { user, token } = await landlord();
    const id = await readyDraft(token);
    await call(release, { token, form: { house_id: id } });
    const row = {
      userId: user.id,
      certName: "王某",
      idNumberEncrypted: "x",
      idNumberMasked: "m",
      certNumber: `C-${user.id}`,
      houseType: 1,
      certPhotoKey: "k",
    };
    await writeTransaction((tx) =>
      tx
        .insert(propertyVerifications)
        .values({ ...row, status: "pending" })
        .run(),
    );
    expect((await call(detail, { query: { house_id: id } })).body.ans.owner.property_verified).toBe(
      false,
    );
    await writeTransaction((tx) =>
      tx
        .update(propertyVerifications)
        .set({ status: "approved" })
        .where(eq(propertyVerifications.userId, user.id))
        .run(),
    );
    expect((await call(detail, { query: { house_id: id } })).body.ans.owner.property_verified).toBe(
      true,
    );
  });
});
