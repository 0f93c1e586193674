import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as houseIdentify } from "@/app/api/house_identification/route";
import { db } from "@/db";
import { propertyVerifications } from "@/db/schema";
import { decryptText } from "@/lib/crypto";
import { call, createUser, jpegBytes, storedFiles, type TestFile } from "@/tests/helpers";
import {
  badTokens,
  htmlAsJpeg,
  image,
  oversizeImage,
  snapshot,
  withCheckDigit,
} from "@/tests/verifications";

const ID = withCheckDigit("11010519800101002");
const MASKED = `1101**********${ID.slice(-4)}`;
const PATH = "/api/house_identification";

async function submit(
  token: string,
  form: Record<string, string | number> = {},
  options: { files?: TestFile[]; legacy?: boolean } = {},
) {
  return call(houseIdentify, {
    path: options.legacy ? "/house_identification" : PATH,
    legacy: options.legacy,
    token,
    form: {
      certname: "张三",
      idcardnumber: ID,
      property_cert_number: "jing-2019-0012345",
      ...form,
    },
    files: options.files ?? [image("property_cert_photo", await jpegBytes())],
  });
}

async function rowFor(certNumber: string) {
  return db()
    .select()
    .from(propertyVerifications)
    .where(eq(propertyVerifications.certNumber, certNumber))
    .get();
}

describe("/api/house_identification", () => {
  it("accepts real 不动产权证 numbers, normalising brackets and spaces", async () => {
    const { token } = await createUser();
    const { body } = await submit(token, {
      property_cert_number: "京（2019）朝阳区 不动产权第0012345号",
    });
    expect(body.status).toBe(0);
    expect(body.ans[2]).toBe("京(2019)朝阳区不动产权第0012345号");
    expect(await rowFor("京(2019)朝阳区不动产权第0012345号")).toBeTruthy();
  });

  it("stores a pending own-property verification and answers the legacy shape", async () => {
    const { user, token } = await createUser();
    const before = storedFiles();
    const { http, body } = await submit(token, { property_cert_number: "  ab-123456 " });
    expect(http).toBe(200);
    expect(body.status).toBe(0);
    const row = await rowFor("AB-123456");
    expect(row).toMatchObject({
      userId: user.id,
      houseType: 1,
      status: "pending",
      leasePhotoKey: null,
    });
    expect(decryptText(row?.idNumberEncrypted ?? "")).toBe(ID);
    expect(JSON.stringify(row)).not.toContain(ID);
    expect(body.ans).toEqual(["张三", MASKED, "AB-123456", `/api/file/${row?.certPhotoKey}`, ""]);
    const added = storedFiles().filter((file) => !before.includes(file));
    expect(added).toEqual([row?.certPhotoKey]);
    // Storage keys never contain user text (the legacy put the certificate number in it).
    expect(row?.certPhotoKey).toMatch(new RegExp(`^private/u${user.id}/[0-9a-f-]{36}\\.jpg$`));
  });

  it("requires the lease contract photo for house type 2 only", async () => {
    const { token } = await createUser();
    const before = await snapshot();
    const missing = await submit(token, { house_type: 2, property_cert_number: "LEASE-0001" });
    expect(missing).toMatchObject({
      http: 400,
      body: { status: 2, msg: "lease_agreement_photo_url: 缺少此文件" },
    });
    expect(await snapshot()).toEqual(before);

    const files = [
      image("property_cert_photo", await jpegBytes()),
      image("lease_agreement_photo_url", await jpegBytes(40, 40)),
    ];
    const ok = await submit(
      token,
      { house_type: 2, property_cert_number: "LEASE-0001" },
      { files, legacy: true },
    );
    expect(ok.http).toBe(200);
    expect(ok.body.status).toBe(0);
    const row = await rowFor("LEASE-0001");
    expect(row?.houseType).toBe(2);
    expect(ok.body.ans[4]).toBe(`/api/file/${row?.leasePhotoKey}`);
    expect(storedFiles()).toContain(row?.leasePhotoKey);
  });

  it("does not keep a lease photo sent with house type 1", async () => {
    const { token } = await createUser();
    const before = storedFiles();
    const files = [
      image("property_cert_photo", await jpegBytes()),
      image("lease_agreement_photo_url", await jpegBytes(40, 40)),
    ];
    const { body } = await submit(token, { property_cert_number: "OWN-0002" }, { files });
    expect(body.status).toBe(0);
    expect(body.ans[4]).toBe("");
    const row = await rowFor("OWN-0002");
    expect(row?.leasePhotoKey).toBeNull();
    expect(storedFiles().filter((file) => !before.includes(file))).toEqual([row?.certPhotoKey]);
  });

  it.each([
    [{ certname: "" }, "certname"],
    [
      { idcardnumber: `${ID.slice(0, 17)}${ID[17] === "1" ? "2" : "1"}` },
      "idcardnumber: 身份证号校验位",
    ],
    [{ idcardnumber: withCheckDigit("11010530000101001") }, "idcardnumber: 身份证号中的出生日期"],
    [{ property_cert_number: "" }, "property_cert_number"],
    [{ property_cert_number: "abc" }, "property_cert_number"],
    [{ property_cert_number: "../../etc/passwd" }, "property_cert_number"],
    [{ property_cert_number: "A".repeat(51) }, "property_cert_number"],
    [{ house_type: 3 }, "house_type"],
    [{ house_type: "1 or 1=1" }, "house_type"],
  ])("rejects %j with status 2 and changes nothing", async (form, message) => {
    const { token } = await createUser();
    const before = await snapshot();
    const api = await submit(token, form);
    expect(api.http).toBe(400);
    expect(api.body.status).toBe(2);
    expect(api.body.msg).toContain(message);
    const legacy = await submit(token, form, { legacy: true });
    expect(legacy).toMatchObject({ http: 200, body: { status: 2 } });
    expect(await snapshot()).toEqual(before);
  });

  it("requires the certificate photo, checks its content and size", async () => {
    const { token } = await createUser();
    const before = await snapshot();
    const none = await submit(token, {}, { files: [] });
    expect(none).toMatchObject({
      http: 400,
      body: { status: 2, msg: "property_cert_photo: 缺少此文件" },
    });
    const html = await submit(token, {}, { files: [htmlAsJpeg("property_cert_photo")] });
    expect(html).toMatchObject({ http: 400, body: { status: 2 } });
    expect(html.body.msg).toContain("property_cert_photo");
    const big = await submit(token, {}, { files: [await oversizeImage("property_cert_photo")] });
    expect(big).toMatchObject({ http: 413, body: { status: 9 } });
    expect(await snapshot()).toEqual(before);
  });

  it("requires a valid token", async () => {
    const { expired, revoked } = await badTokens();
    const before = await snapshot();
    for (const token of ["", expired, revoked]) {
      expect(await submit(token)).toMatchObject({ http: 401, body: { status: 4 } });
      expect(await submit(token, {}, { legacy: true })).toMatchObject({
        http: 200,
        body: { status: 4 },
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a certificate claimed by another user and leaves the first owner's record untouched (legacy hijack)", async () => {
    const owner = await createUser();
    expect((await submit(owner.token, { property_cert_number: "HIJACK-01" })).body.status).toBe(0);
    const attacker = await createUser();
    const before = await snapshot();
    const attempt = await submit(attacker.token, {
      property_cert_number: " hijack-01",
      certname: "李四",
      idcardnumber: withCheckDigit("44052419800101001"),
    });
    expect(attempt).toMatchObject({ http: 409, body: { status: 8 } });
    const legacy = await submit(
      attacker.token,
      { property_cert_number: "HIJACK-01" },
      { legacy: true },
    );
    expect(legacy).toMatchObject({ http: 200, body: { status: 8 } });
    expect(await snapshot()).toEqual(before);
    expect(await rowFor("HIJACK-01")).toMatchObject({ userId: owner.user.id, certName: "张三" });
  });

  it("lets the same user resubmit their certificate, updating their record and replacing the photo", async () => {
    const { user, token } = await createUser();
    await submit(token, { property_cert_number: "MINE-0001" });
    const first = await rowFor("MINE-0001");
    const again = await submit(token, { property_cert_number: "mine-0001", certname: "张三丰" });
    expect(again.body.status).toBe(0);
    const second = await rowFor("MINE-0001");
    expect(second).toMatchObject({
      id: first?.id,
      userId: user.id,
      certName: "张三丰",
      status: "pending",
    });
    expect(storedFiles()).not.toContain(first?.certPhotoKey);
    expect(storedFiles()).toContain(second?.certPhotoKey);
    const rows = await db()
      .select()
      .from(propertyVerifications)
      .where(eq(propertyVerifications.userId, user.id));
    expect(rows).toHaveLength(1);
  });
});
