import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as decide } from "@/app/api/admin/verification_decide/route";
import { POST as list } from "@/app/api/admin/verifications/route";
import { POST as houseIdentify } from "@/app/api/house_identification/route";
import { POST as identify } from "@/app/api/user_identification/route";
import { POST as status } from "@/app/api/verification_status/route";
import { db } from "@/db";
import { identityVerifications, propertyVerifications } from "@/db/schema";
import { call, createUser, jpegBytes } from "@/tests/helpers";
import { badTokens, identityFiles, image, withCheckDigit } from "@/tests/verifications";

let serial = 100;

async function verifiedUser() {
  const account = await createUser();
  serial += 1;
  const id = withCheckDigit(`11010519800101${serial}`);
  const identity = await call(identify, {
    token: account.token,
    form: { realname: "王五", idcardnumber: id },
    files: await identityFiles(),
  });
  expect(identity.body.status).toBe(0);
  const property = await call(houseIdentify, {
    token: account.token,
    form: { certname: "王五", idcardnumber: id, property_cert_number: `CERT-${serial}` },
    files: [image("property_cert_photo", await jpegBytes())],
  });
  expect(property.body.status).toBe(0);
  const identityRow = await db()
    .select()
    .from(identityVerifications)
    .where(eq(identityVerifications.userId, account.user.id))
    .get();
  const propertyRow = await db()
    .select()
    .from(propertyVerifications)
    .where(eq(propertyVerifications.userId, account.user.id))
    .get();
  if (!identityRow || !propertyRow) throw new Error("rows missing");
  return { ...account, id, identityRow, propertyRow };
}

describe("/api/verification_status", () => {
  it("shows none before any submission, then the pending records with masked data only", async () => {
    const fresh = await createUser();
    const empty = await call(status, { token: fresh.token });
    expect(empty.body).toEqual({
      status: 0,
      msg: "",
      ans: {
        identity: {
          status: "none",
          reject_reason: "",
          realname: "",
          idcardnumber_masked: "",
          submitted_at: "",
        },
        property: [],
      },
    });

    const applicant = await verifiedUser();
    const { http, body } = await call(status, { token: applicant.token, legacy: true });
    expect(http).toBe(200);
    expect(body.ans.identity).toMatchObject({
      status: "pending",
      realname: "王五",
      idcardnumber_masked: `1101**********${applicant.id.slice(-4)}`,
    });
    expect(body.ans.identity.submitted_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(body.ans.property).toEqual([
      expect.objectContaining({
        id: applicant.propertyRow.id,
        status: "pending",
        property_cert_number: applicant.propertyRow.certNumber,
        house_type: 1,
      }),
    ]);
    expect(JSON.stringify(body)).not.toContain(applicant.id);
  });

  it("requires a valid token", async () => {
    const { expired, revoked } = await badTokens();
    for (const token of ["", expired, revoked]) {
      expect(await call(status, { token })).toMatchObject({ http: 401, body: { status: 4 } });
      expect(await call(status, { token, legacy: true })).toMatchObject({
        http: 200,
        body: { status: 4 },
      });
    }
  });
});

describe("admin review", () => {
  it("lists pending submissions with document URLs and masked numbers", async () => {
    const admin = await createUser({ role: "admin" });
    const applicant = await verifiedUser();
    const { http, body } = await call(list, { token: admin.token });
    expect(http).toBe(200);
    const identity = body.ans.identity.find(
      (item: { id: number }) => item.id === applicant.identityRow.id,
    );
    expect(identity).toMatchObject({
      user_id: applicant.user.id,
      status: "pending",
      realname: "王五",
      idcardnumber_masked: `1101**********${applicant.id.slice(-4)}`,
      portrait_url: `/api/file/${applicant.identityRow.portraitKey}`,
      idcardfront_url: `/api/file/${applicant.identityRow.frontKey}`,
      idcardback_url: `/api/file/${applicant.identityRow.backKey}`,
    });
    const property = body.ans.property.find(
      (item: { id: number }) => item.id === applicant.propertyRow.id,
    );
    expect(property).toMatchObject({
      property_cert_photo_url: `/api/file/${applicant.propertyRow.certPhotoKey}`,
      lease_agreement_photo_url: "",
    });
    expect(JSON.stringify(body)).not.toContain(applicant.id);

    const onlyProperty = await call(list, { token: admin.token, query: { type: "property" } });
    expect(onlyProperty.body.ans.identity).toEqual([]);
    const approved = await call(list, { token: admin.token, query: { status: "approved" } });
    expect(approved.body.ans.identity).toEqual([]);
    const bad = await call(list, { token: admin.token, query: { status: "done" } });
    expect(bad).toMatchObject({ http: 400, body: { status: 2 } });
    expect(bad.body.msg).toContain("status");
  });

  it("is for admins only: a normal user gets status 6, anonymous status 4", async () => {
    const user = await createUser();
    const applicant = await verifiedUser();
    const { expired, revoked } = await badTokens();
    expect(await call(list, { token: user.token })).toMatchObject({
      http: 403,
      body: { status: 6 },
    });
    expect(await call(list, { token: user.token, legacy: true })).toMatchObject({
      http: 200,
      body: { status: 6 },
    });
    for (const token of ["", expired, revoked])
      expect(await call(list, { token })).toMatchObject({ http: 401, body: { status: 4 } });
    const attempt = await call(decide, {
      token: applicant.token,
      form: { type: "identity", id: applicant.identityRow.id, decision: "approve" },
    });
    expect(attempt).toMatchObject({ http: 403, body: { status: 6 } });
    const row = await db()
      .select()
      .from(identityVerifications)
      .where(eq(identityVerifications.id, applicant.identityRow.id))
      .get();
    expect(row?.status).toBe("pending");
  });

  it("approves and rejects pending submissions once, recording the reviewer", async () => {
    const admin = await createUser({ role: "admin" });
    const applicant = await verifiedUser();
    const approve = await call(decide, {
      token: admin.token,
      form: { type: "identity", id: applicant.identityRow.id, decision: "approve" },
    });
    expect(approve.body).toEqual({
      status: 0,
      msg: "",
      ans: { type: "identity", id: applicant.identityRow.id, status: "approved" },
    });
    const identity = await db()
      .select()
      .from(identityVerifications)
      .where(eq(identityVerifications.id, applicant.identityRow.id))
      .get();
    expect(identity).toMatchObject({ status: "approved", reviewedBy: admin.user.id });
    expect(identity?.reviewedAt).toBeInstanceOf(Date);

    const twice = await call(decide, {
      token: admin.token,
      form: { type: "identity", id: applicant.identityRow.id, decision: "reject", reason: "重复" },
    });
    expect(twice).toMatchObject({ http: 409, body: { status: 8 } });
    const twiceLegacy = await call(decide, {
      token: admin.token,
      legacy: true,
      form: { type: "identity", id: applicant.identityRow.id, decision: "approve" },
    });
    expect(twiceLegacy).toMatchObject({ http: 200, body: { status: 8 } });

    const noReason = await call(decide, {
      token: admin.token,
      form: { type: "property", id: applicant.propertyRow.id, decision: "reject" },
    });
    expect(noReason).toMatchObject({ http: 400, body: { status: 2 } });
    expect(noReason.body.msg).toContain("reason");
    const longReason = await call(decide, {
      token: admin.token,
      form: {
        type: "property",
        id: applicant.propertyRow.id,
        decision: "reject",
        reason: "长".repeat(201),
      },
    });
    expect(longReason).toMatchObject({ http: 400, body: { status: 2 } });
    const rejected = await call(decide, {
      token: admin.token,
      form: {
        type: "property",
        id: applicant.propertyRow.id,
        decision: "reject",
        reason: "证件照片不清晰",
      },
    });
    expect(rejected.body.ans.status).toBe("rejected");
    const mine = await call(status, { token: applicant.token });
    expect(mine.body.ans.identity.status).toBe("approved");
    expect(mine.body.ans.property[0]).toMatchObject({
      status: "rejected",
      reject_reason: "证件照片不清晰",
    });
  });

  it("validates the decision parameters", async () => {
    const admin = await createUser({ role: "admin" });
    const cases = [
      [{ type: "house", id: 1, decision: "approve" }, "type"],
      [{ type: "identity", id: "1 or 1=1", decision: "approve" }, "id"],
      [{ type: "identity", id: 1, decision: "maybe" }, "decision"],
      [{ type: "identity", decision: "approve" }, "id"],
    ] as const;
    for (const [form, field] of cases) {
      const result = await call(decide, { token: admin.token, form });
      expect(result).toMatchObject({ http: 400, body: { status: 2 } });
      expect(result.body.msg).toContain(field);
    }
    const missing = await call(decide, {
      token: admin.token,
      form: { type: "identity", id: 999_999, decision: "approve" },
    });
    expect(missing).toMatchObject({ http: 404, body: { status: 7 } });
  });
});
