import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as decide } from "@/app/api/admin/verification_decide/route";
import { POST as list } from "@/app/api/admin/verifications/route";
import { POST as houseIdentify } from "@/app/api/house_identification/route";
import { POST as identify } from "@/app/api/user_identification/route";
import { db } from "@/db";
import { identityVerifications, propertyVerifications } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { purgeDecidedDocuments } from "@/lib/verifications/retention";
import { call, createUser, jpegBytes, storedFiles } from "@/tests/helpers";
import { identityFiles, image, withCheckDigit } from "@/tests/verifications";

const DAY_MS = 24 * 60 * 60 * 1000;
let serial = 200;

async function submission(decision?: "approve" | "reject") {
  const account = await createUser();
  const admin = await createUser({ role: "admin" });
  serial += 1;
  const id = withCheckDigit(`11010519800101${serial}`);
  await call(identify, {
    token: account.token,
    form: { realname: "赵六", idcardnumber: id },
    files: await identityFiles(),
  });
  await call(houseIdentify, {
    token: account.token,
    form: { certname: "赵六", idcardnumber: id, property_cert_number: `KEEP-${serial}` },
    files: [image("property_cert_photo", await jpegBytes())],
  });
  const identity = await db()
    .select()
    .from(identityVerifications)
    .where(eq(identityVerifications.userId, account.user.id))
    .get();
  const property = await db()
    .select()
    .from(propertyVerifications)
    .where(eq(propertyVerifications.userId, account.user.id))
    .get();
  if (!identity || !property) throw new Error("rows missing");
  if (decision) {
    for (const [type, row] of [
      ["identity", identity],
      ["property", property],
    ] as const) {
      await call(decide, {
        token: admin.token,
        form: { type, id: row.id, decision, reason: "不清晰" },
      });
    }
  }
  return {
    ...account,
    admin,
    identity,
    property,
    keys: [identity.portraitKey, identity.frontKey, identity.backKey, property.certPhotoKey],
  };
}

describe("document retention", () => {
  it("deletes document images 180 days after the decision and keeps the decision", async () => {
    const old = await submission("approve");
    const recent = await submission("reject");
    const pending = await submission();
    const now = new Date(Date.now() + 181 * DAY_MS);
    const recentEnough = new Date(now.getTime() - 179 * DAY_MS);
    await writeTransaction((tx) =>
      tx
        .update(identityVerifications)
        .set({ reviewedAt: recentEnough })
        .where(eq(identityVerifications.id, recent.identity.id))
        .run(),
    );
    await writeTransaction((tx) =>
      tx
        .update(propertyVerifications)
        .set({ reviewedAt: recentEnough })
        .where(eq(propertyVerifications.id, recent.property.id))
        .run(),
    );

    const purged = await purgeDecidedDocuments(now);
    expect(purged).toEqual({ identity: 1, property: 1 });
    const files = storedFiles();
    for (const key of old.keys) expect(files).not.toContain(key);
    for (const key of [...recent.keys, ...pending.keys]) expect(files).toContain(key);

    const identity = await db()
      .select()
      .from(identityVerifications)
      .where(eq(identityVerifications.id, old.identity.id))
      .get();
    expect(identity).toMatchObject({ status: "approved", documentsDeletedAt: now });
    const listed = await call(list, { token: old.admin.token, query: { status: "approved" } });
    const item = listed.body.ans.identity.find((row: { id: number }) => row.id === old.identity.id);
    expect(item).toMatchObject({ documents_deleted: true, portrait_url: null, realname: "赵六" });

    expect(await purgeDecidedDocuments(now)).toEqual({ identity: 0, property: 0 });
  });

  it("a resubmission after a purge brings new documents that are kept", async () => {
    const rejected = await submission("reject");
    await purgeDecidedDocuments(new Date(Date.now() + 181 * DAY_MS));
    const again = await call(identify, {
      token: rejected.token,
      form: { realname: "赵六", idcardnumber: withCheckDigit(`11010519800101${serial}`) },
      files: await identityFiles(),
    });
    expect(again.body.status).toBe(0);
    const row = await db()
      .select()
      .from(identityVerifications)
      .where(eq(identityVerifications.id, rejected.identity.id))
      .get();
    expect(row).toMatchObject({ status: "pending", documentsDeletedAt: null });
    expect(storedFiles()).toContain(row?.portraitKey);
  });
});
