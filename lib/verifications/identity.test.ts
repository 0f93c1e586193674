import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as decide } from "@/app/api/admin/verification_decide/route";
import { POST as houseIdentify } from "@/app/api/house_identification/route";
import { POST as identify } from "@/app/api/user_identification/route";
import { db } from "@/db";
import { identityVerifications } from "@/db/schema";
import { decryptText, keyedHash } from "@/lib/crypto";
import { call, createUser, jpegBytes, storedFiles } from "@/tests/helpers";
import {
  badTokens,
  htmlAsJpeg,
  identityFiles,
  image,
  oversizeImage,
  snapshot,
  withCheckDigit,
} from "@/tests/verifications";

// Every log level is written here, so the PII check below sees everything the app would log.
process.env.LOG_LEVEL = "debug";

const ID = withCheckDigit("51010419870228465");
const MASKED = `5101**********${ID.slice(-4)}`;
const PATH = "/api/user_identification";

async function submit(token: string, form: Record<string, string> = {}, legacy = false) {
  return call(identify, {
    path: legacy ? "/user_identification" : PATH,
    token,
    legacy,
    form: { realname: "李先生", idcardnumber: ID, ...form },
    files: await identityFiles(),
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("/api/user_identification", () => {
  it("stores a pending verification with the number encrypted and answers it masked", async () => {
    const { user, token } = await createUser();
    const before = storedFiles();
    const { http, body } = await submit(token, { idcardnumber: ID.toLowerCase() });
    expect(http).toBe(200);
    expect(body).toEqual({ status: 0, msg: "", ans: ["李先生", MASKED] });

    const row = await db()
      .select()
      .from(identityVerifications)
      .where(eq(identityVerifications.userId, user.id))
      .get();
    expect(row).toMatchObject({ status: "pending", realName: "李先生" });
    expect(JSON.stringify(row)).not.toContain(ID);
    expect(decryptText(row?.idNumberEncrypted ?? "")).toBe(ID);
    expect(row?.idNumberHash).toBe(keyedHash(ID, "id-number"));
    const added = storedFiles().filter((file) => !before.includes(file));
    expect(added).toHaveLength(3);
    for (const file of added)
      expect(file).toMatch(new RegExp(`^private/u${user.id}/[0-9a-f-]{36}\\.(jpg|png)$`));
    expect(added.sort()).toEqual(
      [row?.portraitKey, row?.frontKey, row?.backKey].sort() as string[],
    );
  });

  it("answers HTTP 200 with the envelope on the legacy path", async () => {
    const { token } = await createUser();
    const ok = await submit(
      token,
      {
        idcardnumber: withCheckDigit("11010519800101002"),
      },
      true,
    );
    expect(ok).toMatchObject({ http: 200, body: { status: 0 } });
    const bad = await submit(token, { idcardnumber: "110105198001010021" }, true);
    expect(bad).toMatchObject({ http: 200, body: { status: 2 } });
  });

  it.each([
    [{ realname: "" }, "realname"],
    [{ realname: "李" }, "realname"],
    [{ realname: "李".repeat(31) }, "realname"],
    [{ idcardnumber: "" }, "idcardnumber"],
    [
      { idcardnumber: `${ID.slice(0, 17)}${ID[17] === "1" ? "2" : "1"}` },
      "idcardnumber: 身份证号校验位",
    ],
    [{ idcardnumber: withCheckDigit("11010520990101001") }, "idcardnumber: 身份证号中的出生日期"],
    [{ idcardnumber: withCheckDigit("99010519800101001") }, "idcardnumber: 身份证号的地区码"],
    [{ idcardnumber: "12345" }, "idcardnumber: 身份证号应为 18 位"],
  ])("rejects %j with status 2 and changes nothing", async (form, message) => {
    const { token } = await createUser();
    const before = await snapshot();
    const { http, body } = await submit(token, form as Record<string, string>);
    expect(http).toBe(400);
    expect(body.status).toBe(2);
    expect(body.msg).toContain(message);
    expect(await snapshot()).toEqual(before);
  });

  it.each(["portrait", "idcardfront", "idcardback"])("requires the %s file", async (field) => {
    const { token } = await createUser();
    const before = await snapshot();
    const { http, body } = await call(identify, {
      path: PATH,
      token,
      form: { realname: "李先生", idcardnumber: ID },
      files: (await identityFiles()).filter((file) => file.field !== field),
    });
    expect(http).toBe(400);
    expect(body).toMatchObject({ status: 2, msg: `${field}: 缺少此文件` });
    expect(await snapshot()).toEqual(before);
  });

  it("rejects an HTML file named .jpg (stored XSS) without storing anything", async () => {
    const { token } = await createUser();
    const before = await snapshot();
    const files = (await identityFiles()).map((file) =>
      file.field === "idcardback" ? htmlAsJpeg("idcardback") : file,
    );
    const { http, body } = await call(identify, {
      path: PATH,
      token,
      form: { realname: "李先生", idcardnumber: ID },
      files,
    });
    expect(http).toBe(400);
    expect(body.status).toBe(2);
    expect(body.msg).toContain("idcardback");
    expect(await snapshot()).toEqual(before);
  });

  it("rejects a file over 10 MB with status 9 (HTTP 413), storage unchanged", async () => {
    const { token } = await createUser();
    const before = await snapshot();
    const files = [await oversizeImage("portrait"), ...(await identityFiles()).slice(1)];
    const api = await call(identify, {
      path: PATH,
      token,
      form: { realname: "李先生", idcardnumber: ID },
      files,
    });
    expect(api.http).toBe(413);
    expect(api.body.status).toBe(9);
    expect(api.body.msg).toContain("portrait");
    const legacy = await call(identify, {
      path: "/user_identification",
      legacy: true,
      token,
      form: { realname: "李先生", idcardnumber: ID },
      files,
    });
    expect(legacy).toMatchObject({ http: 200, body: { status: 9 } });
    expect(await snapshot()).toEqual(before);
  });

  it("requires a valid token: none, expired and revoked give status 4", async () => {
    const { expired, revoked } = await badTokens();
    const before = await snapshot();
    for (const token of ["", expired, revoked]) {
      const { http, body } = await submit(token);
      expect(http).toBe(401);
      expect(body.status).toBe(4);
      const legacy = await submit(token, {}, true);
      expect(legacy).toMatchObject({ http: 200, body: { status: 4 } });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a number already verified by another user, leaving both untouched", async () => {
    const first = await createUser();
    const number = withCheckDigit("44052419800101001");
    expect((await submit(first.token, { idcardnumber: number })).body.status).toBe(0);
    const second = await createUser();
    const before = await snapshot();
    const { http, body } = await submit(second.token, { idcardnumber: number.toLowerCase() });
    expect(http).toBe(409);
    expect(body.status).toBe(8);
    expect(await snapshot()).toEqual(before);
  });

  it("lets the owner resubmit while pending or rejected, replacing the documents, but not once approved", async () => {
    const { user, token } = await createUser();
    const admin = await createUser({ role: "admin" });
    const number = withCheckDigit("51010519900101123");
    await submit(token, { idcardnumber: number });
    const first = await db()
      .select()
      .from(identityVerifications)
      .where(eq(identityVerifications.userId, user.id))
      .get();
    if (!first) throw new Error("no row");

    const again = await submit(token, { idcardnumber: number, realname: "李四" });
    expect(again.body).toMatchObject({
      status: 0,
      ans: ["李四", `5101**********${number.slice(-4)}`],
    });
    const second = await db()
      .select()
      .from(identityVerifications)
      .where(eq(identityVerifications.id, first.id))
      .get();
    expect(second).toMatchObject({ status: "pending", realName: "李四" });
    const files = storedFiles();
    for (const old of [first.portraitKey, first.frontKey, first.backKey])
      expect(files).not.toContain(old);
    for (const key of [second?.portraitKey, second?.frontKey, second?.backKey])
      expect(files).toContain(key);

    await call(decide, {
      token: admin.token,
      form: { type: "identity", id: first.id, decision: "reject", reason: "照片模糊" },
    });
    const afterReject = await submit(token, { idcardnumber: number });
    expect(afterReject.body.status).toBe(0);
    const third = await db()
      .select()
      .from(identityVerifications)
      .where(eq(identityVerifications.id, first.id))
      .get();
    expect(third).toMatchObject({ status: "pending", rejectReason: null, reviewedBy: null });

    await call(decide, {
      token: admin.token,
      form: { type: "identity", id: first.id, decision: "approve" },
    });
    const before = await snapshot();
    const approved = await submit(token, { idcardnumber: number });
    expect(approved.http).toBe(409);
    expect(approved.body).toMatchObject({ status: 8 });
    expect(approved.body.msg).toContain("已通过实名认证");
    expect(await snapshot()).toEqual(before);
  });

  it("never writes the ID number or real name to the logs", async () => {
    const lines: string[] = [];
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(" "));
      });
    }
    const { token } = await createUser();
    const other = await createUser();
    const number = withCheckDigit("32010219750505201");
    const name = "王小明独特名";
    expect((await submit(token, { idcardnumber: number, realname: name })).body.status).toBe(0);
    await submit(other.token, { idcardnumber: number, realname: name });
    await submit(other.token, { idcardnumber: `${number.slice(0, 17)}0`, realname: name });
    await call(identify, {
      path: PATH,
      token: other.token,
      form: { realname: name, idcardnumber: number },
      files: [image("portrait", await jpegBytes())],
    });
    for (const cert of ["PII-0001", "PII-0001", "x"]) {
      await call(houseIdentify, {
        token: cert === "x" ? token : other.token,
        form: { certname: name, idcardnumber: number, property_cert_number: cert },
        files: [image("property_cert_photo", await jpegBytes())],
      });
    }
    expect(lines.length).toBeGreaterThan(0);
    const output = lines.join("\n");
    expect(output).not.toContain(number);
    expect(output).not.toContain(number.slice(6, 14));
    expect(output).not.toContain(name);
  });
});
