import { describe, expect, it } from "vitest";
import { POST as list } from "@/app/api/notification/list/route";
import { POST as read } from "@/app/api/notification/read/route";
import { POST as readAll } from "@/app/api/notification/read_all/route";
import { inboxAnswer, markedReadAnswer } from "@/lib/notifications/answers";
import { call, createUser } from "@/tests/helpers";
import { notifyMany } from "@/tests/notifications";

describe("/api/notification/*", () => {
  it("lists my notifications newest first and marks them read", async () => {
    const { user, token } = await createUser();
    await notifyMany(user.id, 3);
    const page = await call(list, { path: "/api/notification/list", token, query: { count: 2 } });
    expect(page.body.status).toBe(0);
    expect(inboxAnswer.parse(page.body.ans).unread).toBe(3);
    expect(page.body.ans.items.map((item: { payload: { n: number } }) => item.payload.n)).toEqual([
      2, 1,
    ]);

    const marked = await call(read, {
      path: "/api/notification/read",
      token,
      form: { ids: `${page.body.ans.items[0].id}` },
    });
    expect(markedReadAnswer.parse(marked.body.ans)).toEqual({ updated: 1, unread: 2 });

    const all = await call(readAll, { path: "/notification/read_all", token, legacy: true });
    expect(all.http).toBe(200);
    expect(all.body.ans).toEqual({ updated: 2, unread: 0 });
  });

  it("refuses bad ids and paging with status 2 naming the field", async () => {
    const { token } = await createUser();
    const bad = await call(read, { path: "/api/notification/read", token, form: { ids: "1|x" } });
    expect([bad.http, bad.body.status, bad.body.ans.field]).toEqual([400, 2, "ids.1"]);
    const missing = await call(read, { path: "/api/notification/read", token });
    expect(missing.body.status).toBe(2);
    const count = await call(list, {
      path: "/api/notification/list",
      token,
      query: { count: 500 },
    });
    expect([count.body.status, count.body.ans.field]).toEqual([2, "count"]);
  });
});
