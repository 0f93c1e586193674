import { describe, expect, it } from "vitest";
import { DELETE, GET, POST, PUT } from "@/app/api/[...unknown]/route";
import { call } from "@/tests/helpers";

describe("unknown API paths", () => {
  it("answer the envelope with status 7 and HTTP 404 for every method", async () => {
    for (const handler of [GET, POST, PUT, DELETE]) {
      const { http, body } = await call(handler, { path: "/api/no_such_endpoint" });
      expect(http).toBe(404);
      expect(body).toEqual({ status: 7, msg: "接口不存在", ans: {} });
    }
  });

  it("answer HTTP 200 with status 7 under a legacy prefix, as legacy clients expect", async () => {
    const { http, body } = await call(POST, { path: "/api/order/no_such_action", legacy: true });
    expect(http).toBe(200);
    expect(body.status).toBe(7);
  });
});
