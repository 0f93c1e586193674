import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/file/[...key]/route";
import { storage } from "@/lib/storage";
import { newPrivateKey, newPublicKey } from "@/lib/storage/keys";
import {
  buildRequest,
  type CallOptions,
  call,
  createUser,
  htmlBytes,
  mp4Bytes,
} from "@/tests/helpers";
import { accessLog, badTokens } from "@/tests/verifications";

/** Calls the route the way Next.js does: with the decoded path segments after /file/. */
function fileRoute(segments?: string[]) {
  return (request: Request) => {
    const rest = new URL(request.url).pathname.replace(/^\/(api\/)?file\//, "");
    const key = segments ?? rest.split("/").map(decodeURIComponent);
    return GET(request, { params: Promise.resolve({ key }) });
  };
}

async function fetchFile(key: string, options: CallOptions = {}) {
  const path = options.legacy ? `/file/${key}` : `/api/file/${key}`;
  const response = await fileRoute()(buildRequest({ ...options, path }));
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

const video = mp4Bytes(1000);

async function storedPublicVideo() {
  const key = newPublicKey("mp4");
  await storage().put(key, video, "video/mp4");
  return key;
}

describe("/api/file/<key>", () => {
  it("streams public files with their type, long caching and nosniff, on both paths", async () => {
    const key = await storedPublicVideo();
    for (const legacy of [false, true]) {
      const { response, bytes } = await fetchFile(key, { legacy });
      expect(response.status).toBe(200);
      expect(Object.fromEntries(response.headers)).toMatchObject({
        "content-type": "video/mp4",
        "cache-control": "public, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
        "content-disposition": "inline",
        "accept-ranges": "bytes",
        "content-length": String(video.length),
      });
      expect(bytes.equals(video)).toBe(true);
    }
  });

  it("answers byte ranges with 206 partial content (iOS video playback)", async () => {
    const key = await storedPublicVideo();
    const first = await fetchFile(key, { headers: { range: "bytes=0-1" } });
    expect(first.response.status).toBe(206);
    expect(first.response.headers.get("content-range")).toBe(`bytes 0-1/${video.length}`);
    expect(first.response.headers.get("content-length")).toBe("2");
    expect(first.bytes.equals(video.subarray(0, 2))).toBe(true);

    const tail = await fetchFile(key, { headers: { range: "bytes=-5" } });
    expect(tail.response.status).toBe(206);
    expect(tail.bytes.equals(video.subarray(video.length - 5))).toBe(true);

    const open = await fetchFile(key, { headers: { range: "bytes=20-" } });
    expect(open.response.headers.get("content-range")).toBe(
      `bytes 20-${video.length - 1}/${video.length}`,
    );
    expect(open.bytes.equals(video.subarray(20))).toBe(true);

    const beyond = await fetchFile(key, { headers: { range: `bytes=${video.length}-` } });
    expect(beyond.response.status).toBe(416);
    expect(beyond.response.headers.get("content-range")).toBe(`bytes */${video.length}`);

    const several = await fetchFile(key, { headers: { range: "bytes=0-1,5-6" } });
    expect(several.response.status).toBe(200);
    expect(several.bytes.length).toBe(video.length);
  });

  it("serves any stored file with the type of its key, never as HTML (stored XSS)", async () => {
    const key = newPublicKey("jpg");
    await storage().put(key, htmlBytes, "image/jpeg");
    const { response } = await fetchFile(key);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it.each([
    [["data", "..", "secret-data", "db"]],
    [["data", "%2e%2e", "conf", "Config.py"]],
    [["..", "zhizu.db"]],
    [["..", "..", "..", "etc", "passwd"]],
    [["", "etc", "passwd"]],
    [["/etc/passwd"]],
    [["public", "..", "..", "zhizu.db"]],
    [["private", "u1", "..", "..", "..", "zhizu.db"]],
    [["data", "userphoto", "user_6", "idcardfront.jpg"]],
    [["public", "00000000-0000-0000-0000-000000000000.html"]],
    [["public", "x.jpg"]],
  ])("refuses %j with status 7 (path traversal impossible)", async (segments) => {
    const handler = fileRoute(segments);
    // The segments go to the handler as given; the URL only says which path was called (a URL
    // holding them would be normalised out of /api/file before the handler saw it).
    const api = await call(handler, { path: "/api/file/traversal" });
    expect(api).toMatchObject({ http: 404, body: { status: 7 } });
    const legacy = await call(handler, { path: "/api/file/traversal", legacy: true });
    expect(legacy).toMatchObject({ http: 200, body: { status: 7 } });
    expect(api.response.headers.get("content-type")).toContain("application/json");
  });

  it("serves a returned file URL that a legacy client prefixed with /file/", async () => {
    const key = await storedPublicVideo();
    const response = await fileRoute(["", "api", "file", ...key.split("/")])(
      buildRequest({ path: `/file//api/file/${key}`, legacy: true }),
    );
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(video);
  });

  it("refuses encoded traversal in the URL on both paths", async () => {
    for (const path of [
      "/api/file/data/%2e%2e/%2e%2e/zhizu.db",
      "/api/file/..%2f..%2fzhizu.db",
      "/file/data/../secret-data/db",
      "/file/%2e%2e/zhizu.db",
    ]) {
      const legacy = path.startsWith("/file/");
      const { http, body } = await call(fileRoute(), { path, legacy });
      expect(http).toBe(legacy ? 200 : 404);
      expect(body.status).toBe(7);
    }
  });

  it("a missing public file is status 7", async () => {
    const { http, body } = await call(fileRoute(), { path: `/api/file/${newPublicKey("jpg")}` });
    expect(http).toBe(404);
    expect(body.status).toBe(7);
  });
});

describe("private documents", () => {
  it("go to their owner and admins only, with no caching, and every access is logged", async () => {
    const owner = await createUser();
    const other = await createUser();
    const admin = await createUser({ role: "admin" });
    const { expired, revoked } = await badTokens();
    const key = newPrivateKey(owner.user.id, "jpg");
    const secret = Buffer.from("ID card bytes");
    await storage().put(key, secret, "image/jpeg");
    const logged = async () =>
      (await accessLog())
        .filter((row) => row.storageKey === key)
        .map((row) => [row.userId, row.outcome]);

    const mine = await fetchFile(key, { token: owner.token });
    expect(mine.response.status).toBe(200);
    expect(mine.response.headers.get("cache-control")).toBe("private, no-store");
    expect(mine.response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(mine.bytes.equals(secret)).toBe(true);

    const stranger = await call(fileRoute(), { path: `/api/file/${key}`, token: other.token });
    expect(stranger).toMatchObject({ http: 403, body: { status: 6 } });
    const strangerLegacy = await call(fileRoute(), {
      path: `/file/${key}`,
      token: other.token,
      legacy: true,
    });
    expect(strangerLegacy).toMatchObject({ http: 200, body: { status: 6 } });

    const reviewer = await fetchFile(key, { token: admin.token, legacy: true });
    expect(reviewer.response.status).toBe(200);
    expect(reviewer.bytes.equals(secret)).toBe(true);

    const anonymous = await call(fileRoute(), { path: `/api/file/${key}` });
    expect(anonymous).toMatchObject({ http: 401, body: { status: 4 } });
    for (const token of [expired, revoked]) {
      expect(await call(fileRoute(), { path: `/api/file/${key}`, token })).toMatchObject({
        http: 401,
        body: { status: 4 },
      });
    }

    expect(await logged()).toEqual([
      [owner.user.id, "served"],
      [other.user.id, "denied"],
      [other.user.id, "denied"],
      [admin.user.id, "served"],
      [null, "denied"],
      [null, "denied"],
      [null, "denied"],
    ]);
  });

  it("logs a request for a document that is gone as missing (status 7)", async () => {
    const owner = await createUser();
    const key = newPrivateKey(owner.user.id, "png");
    const { http, body } = await call(fileRoute(), {
      path: `/api/file/${key}`,
      token: owner.token,
    });
    expect(http).toBe(404);
    expect(body.status).toBe(7);
    const rows = (await accessLog()).filter((row) => row.storageKey === key);
    expect(rows.map((row) => [row.userId, row.outcome])).toEqual([[owner.user.id, "missing"]]);
  });
});
