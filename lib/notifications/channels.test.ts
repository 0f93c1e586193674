import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { templatesSchema } from "@/lib/env";
import { WechatTemplateChannel } from "@/lib/notifications/channels";
import { scrubPersonalData } from "@/lib/notifications/templates";

// A local stand-in for api.weixin.qq.com's template/send, recording what it receives.
const received: { url: string; body: any }[] = [];
let answer: { errcode: number; errmsg: string } = { errcode: 0, errmsg: "ok" };
const server = http.createServer((request, response) => {
  let text = "";
  request.on("data", (chunk) => {
    text += chunk;
  });
  request.on("end", () => {
    received.push({ url: request.url ?? "", body: JSON.parse(text) });
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify(answer));
  });
});
let apiBase = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(3201, "127.0.0.1", resolve));
  apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const templates = templatesSchema.parse({
  viewing_paid: {
    template_id: "TPL-VIEWING",
    fields: { thing1: "house_title", time2: "paid_at", thing3: "note" },
  },
});

function channel(openids: Record<number, string> = { 7: "oa-openid-7" }) {
  return new WechatTemplateChannel({
    templates,
    findOpenid: async (userId) => openids[userId] ?? null,
    accessToken: async () => "ACCESS-TOKEN",
    apiBase,
  });
}

const message = {
  notificationId: 1,
  userId: 7,
  kind: "viewing_paid",
  payload: {
    house_title: "春熙路一居室",
    paid_at: "2026-03-01 16:00",
    note: "租客 13812345678，身份证 11010519491231002X",
  },
  url: "http://localhost:3000/viewings",
};

describe("WechatTemplateChannel", () => {
  it("sends the configured template to the user's Official Account openid, linking into the app", async () => {
    received.length = 0;
    answer = { errcode: 0, errmsg: "ok" };
    expect(await channel().send(message)).toBe("sent");
    expect(received).toHaveLength(1);
    expect(received[0]?.url).toBe("/cgi-bin/message/template/send?access_token=ACCESS-TOKEN");
    expect(received[0]?.body).toMatchObject({
      touser: "oa-openid-7",
      template_id: "TPL-VIEWING",
      url: "http://localhost:3000/viewings",
      data: { thing1: { value: "春熙路一居室" }, time2: { value: "2026-03-01 16:00" } },
    });
  });

  it("never carries phone or ID numbers", async () => {
    received.length = 0;
    await channel().send(message);
    const sent = JSON.stringify(received[0]?.body);
    expect(sent).not.toContain("13812345678");
    expect(sent).not.toContain("11010519491231002X");
    expect(scrubPersonalData("电话 15900001111")).toBe("电话 [已隐藏]");
  });

  it("refuses configuration that maps a name, phone or ID number into a template", () => {
    for (const key of ["real_name", "tenant_tel", "phone", "id_number", "certname", "name"]) {
      const parsed = templatesSchema.safeParse({
        k: { template_id: "T", fields: { thing1: key } },
      });
      expect(parsed.success, key).toBe(false);
    }
  });

  it("answers unreachable without an openid, a template, or when the user does not follow", async () => {
    received.length = 0;
    expect(await channel({}).send(message)).toBe("unreachable");
    expect(await channel().send({ ...message, kind: "other_kind" })).toBe("unreachable");
    expect(received).toHaveLength(0);
    answer = { errcode: 43004, errmsg: "require subscribe" };
    expect(await channel().send(message)).toBe("unreachable");
  });

  it("throws on a transient WeChat error so the delivery step retries", async () => {
    answer = { errcode: -1, errmsg: "system error" };
    await expect(channel().send(message)).rejects.toThrow("template/send failed: -1");
  });
});
