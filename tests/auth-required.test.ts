import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rawStatement } from "@/db";
import { issueToken, revokeToken, TOKEN_TTL_MS } from "@/lib/auth/tokens";
import { call, createUser, jpegBytes, mp4Bytes, pngBytes, storedFiles } from "@/tests/helpers";
import { addPhoto, landlord, readyDraft } from "@/tests/houses-helpers";

// Every endpoint that acts for a user refuses a request without a valid token — none, forged,
// malformed ("0 or 1=1", the legacy SQL injection), expired or revoked — with status 4 on both
// paths, before reading the upload, and changes no row and no stored file.

const PUBLIC = new Set([
  "wx_fetch_userinfo",
  "search_house",
  "search_map",
  "search_count",
  "house_detail",
  "health",
  "openapi.json", // the public API document
  "payment/ali/notify",
  "payment/ali/auth_notify",
  "payment/wx/notify", // WeChat Pay posts it without login; verified by its signature
  "payment/ali/pay_to_customer", // admins or X-Internal-Key; covered by its own tests
  "wechat/jssdk_config", // signs our public pages for share cards
  "wechat/oa_openid/callback", // WeChat's redirect; its single-use state names the user
  "[...unknown]", // no endpoint: every unknown /api path answers status 7
]);
const SKIPPED = /^(auth|sandbox|file)\//;

function routes(dir = "app/api", prefix = ""): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const next = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...routes(path.join(dir, entry.name), next));
    else if (entry.name === "route.ts") found.push(prefix);
  }
  return found.filter((route) => !PUBLIC.has(route) && !SKIPPED.test(`${route}/`)).sort();
}

async function snapshot(): Promise<string> {
  const tables = await rawStatement<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND name NOT LIKE '%geo%' ORDER BY name",
  ).all();
  const rows: Record<string, unknown[]> = {};
  for (const { name } of tables) rows[name] = await rawStatement(`SELECT * FROM "${name}"`).all();
  return JSON.stringify({ rows, files: storedFiles() });
}

describe("authenticated endpoints", () => {
  it("refuse missing, forged, malformed, expired and revoked tokens and change nothing", async () => {
    const owner = await landlord();
    const houseId = await readyDraft(owner.token);
    const photo = await addPhoto(owner.token, houseId);
    const expired = await issueToken(owner.user.id, new Date(Date.now() - TOKEN_TTL_MS - 1));
    const revoked = (await createUser()).token;
    await revokeToken(revoked);
    const bad: Record<string, string | undefined> = {
      none: undefined,
      forged: "a703bd25f111842c77b359d49a2fc5414b9036dccb872f04d3359ec677b5c7c1",
      malformed: "0 or 1=1",
      expired,
      revoked,
    };
    const form = {
      house_id: houseId,
      photo_id: photo.body.ans.id[0],
      video_id: 1,
      photo_ids: String(photo.body.ans.id[0]),
      rooms_type: 3,
      attr_name: "house_rent",
      attr_value: 1,
      nickname: "attacker",
      sex: 1,
      user_type: 1,
      code: "ABCDEFGH",
      owner_id: owner.user.id,
    };
    const files = [
      { field: "house_photo", name: "a.jpg", type: "image/jpeg", data: await jpegBytes() },
      { field: "house_video", name: "a.mp4", type: "video/mp4", data: mp4Bytes() },
      { field: "portrait", name: "p.png", type: "image/png", data: await pngBytes() },
    ];

    const checked = routes();
    expect(checked).toContain("create_house_photo");
    expect(checked).toContain("invitation/setcode");
    const before = await snapshot();
    for (const route of checked) {
      const { POST, GET } = await import(/* @vite-ignore */ `@/app/api/${route}/route`);
      for (const [kind, token] of Object.entries(bad)) {
        for (const legacy of [false, true]) {
          const { http, body } = await call(POST ?? GET, { token, form, files, legacy });
          expect({ route, kind, legacy, http, status: body.status }).toEqual({
            route,
            kind,
            legacy,
            http: legacy ? 200 : 401,
            status: 4,
          });
        }
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it("admin endpoints refuse a signed-in user who is not an admin (status 6)", async () => {
    const { token } = await createUser();
    const admin = routes().filter((route) => route.startsWith("admin/"));
    expect(admin.length).toBeGreaterThan(0);
    for (const route of admin) {
      const { POST } = await import(/* @vite-ignore */ `@/app/api/${route}/route`);
      const { http, body } = await call(POST, {
        token,
        form: { type: "identity", id: 1, decision: "approve", status: "pending" },
      });
      expect({ route, http, status: body.status }).toEqual({ route, http: 403, status: 6 });
    }
  });
});
