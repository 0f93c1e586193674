import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { POST as favorite } from "@/app/api/favorite/route";
import { POST as myFavoritesRoute } from "@/app/api/my_favorites/route";
import { db, rawStatement } from "@/db";
import { favorites, housePhotos, houses } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { call, createUser } from "@/tests/helpers";
import { createListing } from "@/tests/search-factory";

async function send(token: string, house_id: number, action?: "add" | "remove") {
  const { body } = await call(favorite, {
    path: "/api/favorite",
    form: action ? { house_id, action } : { house_id },
    token,
  });
  return body;
}

async function praiseCountOf(id: number): Promise<number> {
  const row = await rawStatement<{ n: number }>(
    "SELECT praise_count AS n FROM houses WHERE id = ?",
  ).get([id]);
  return (row as { n: number }).n;
}

beforeEach(async () => {
  await db().delete(favorites);
  await db().delete(houses);
});

describe("favourites", () => {
  test("praise_count is the number of users who favourited, under concurrent repeats", async () => {
    const house = await createListing();
    const tenants = await Promise.all(Array.from({ length: 8 }, () => createUser()));
    // Every tenant adds three times and half of them remove twice, all at once.
    await Promise.all(
      tenants.flatMap(({ token }, index) => [
        send(token, house.id),
        send(token, house.id),
        send(token, house.id),
        ...(index % 2 === 0
          ? [send(token, house.id, "remove"), send(token, house.id, "remove")]
          : []),
      ]),
    );
    const rows = (await rawStatement<{ n: number }>(
      "SELECT count(*) AS n FROM favorites WHERE house_id = ?",
    ).get([house.id])) as { n: number };
    expect(await praiseCountOf(house.id)).toBe(rows.n);
    // Settle: everyone favourites, then the same set removes again.
    await Promise.all(tenants.map(({ token }) => send(token, house.id)));
    expect(await praiseCountOf(house.id)).toBe(8);
    await Promise.all(tenants.map(({ token }) => send(token, house.id, "remove")));
    await Promise.all(tenants.map(({ token }) => send(token, house.id, "remove")));
    expect(await praiseCountOf(house.id)).toBe(0);
  });

  test("answers the new state; an unpublished or missing listing is status 7, unchanged", async () => {
    const { token } = await createUser();
    const house = await createListing();
    expect((await send(token, house.id)).ans).toEqual({
      house_id: house.id,
      favorited: true,
      praise_count: 1,
    });
    const draft = await createListing({ status: 0 });
    expect((await send(token, draft.id)).status).toBe(7);
    expect((await send(token, 999_999)).status).toBe(7);
    expect(await praiseCountOf(draft.id)).toBe(0);
    const anonymous = await call(favorite, { path: "/api/favorite", form: { house_id: house.id } });
    expect(anonymous.body.status).toBe(4);
  });

  test("我的收藏 lists newest first and marks listings that are no longer available", async () => {
    const { token } = await createUser();
    const first = await createListing({ descriptionTitle: "先收藏的" });
    const second = await createListing({ descriptionTitle: "后收藏的" });
    await send(token, first.id);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await send(token, second.id);
    await db().run(sql`UPDATE houses SET status = 2 WHERE id = ${first.id}`);
    const { body } = await call(myFavoritesRoute, { path: "/api/my_favorites", token });
    expect(body.status, body.msg).toBe(0);
    expect(
      body.ans.map((item: { title: string; available: boolean }) => [item.title, item.available]),
    ).toEqual([
      ["后收藏的", true],
      ["先收藏的", false],
    ]);
    const paged = await call(myFavoritesRoute, {
      path: "/api/my_favorites",
      query: { shift: 1, count: 1 },
      token,
    });
    expect(paged.body.ans.map((item: { house_id: number }) => item.house_id)).toEqual([first.id]);
  });

  test("我的收藏 shows the listing's cover photo, else its first photo in display order", async () => {
    const { token } = await createUser();
    const house = await createListing();
    const photo = (sortOrder: number, name: string) =>
      writeTransaction((tx) =>
        tx
          .insert(housePhotos)
          .values({
            houseId: house.id,
            userId: house.userId,
            storageKey: `public/${name}.jpg`,
            thumbKey: `public/${name}-thumb.jpg`,
            roomsType: 1,
            sortOrder,
          })
          .returning()
          .get(),
      );
    await photo(2, "later");
    await photo(0, "first");
    const cover = await photo(1, "cover");
    await send(token, house.id);
    const thumb = async () =>
      (await call(myFavoritesRoute, { path: "/api/my_favorites", token })).body.ans[0]
        .cover_thumb_url;
    expect(await thumb()).toMatch(/first-thumb\.jpg$/);
    await writeTransaction((tx) =>
      tx.update(houses).set({ coverPhotoId: cover.id }).where(eq(houses.id, house.id)).run(),
    );
    expect(await thumb()).toMatch(/cover-thumb\.jpg$/);
  });
});
