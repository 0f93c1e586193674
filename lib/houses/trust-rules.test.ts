import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as confirm } from "@/app/api/confirm_house_available/route";
import { GET as detail } from "@/app/api/house_detail/route";
import { POST as release } from "@/app/api/house_release/route";
import { POST as link } from "@/app/api/link_house_verification/route";
import { GET as search } from "@/app/api/search_house/route";
import { db } from "@/db";
import {
  HouseStatus,
  houses,
  identityVerifications,
  notifications,
  propertyVerifications,
  users,
} from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { applyFreshnessRules } from "@/lib/houses/freshness";
import { decideVerification } from "@/lib/verifications/review";
import { call, createUser, patternJpeg } from "@/tests/helpers";
import { addPhoto, COMPLETE, draft, houseRow, landlord, readyDraft } from "@/tests/houses-helpers";

const DAY_MS = 24 * 60 * 60 * 1000;

async function publish(token: string, id: number) {
  return (await call(release, { token, form: { house_id: id } })).body;
}

describe("caps for personal landlords", () => {
  it("publishes the 5th listing and asks for 二房东/中介 at the 6th", async () => {
    const { token } = await createUser({ profileSavedAt: new Date(), userType: 1 });
    for (let n = 1; n <= 5; n += 1)
      expect((await publish(token, await readyDraft(token))).status).toBe(0);
    const sixth = await readyDraft(token);
    const refused = await publish(token, sixth);
    expect(refused.status).toBe(8);
    expect(refused.msg).toContain("个人房东最多同时发布 5 套房源");
    expect(refused.msg).toContain("二房东");
    expect(refused.ans).toMatchObject({ max: 5, published: 5, user_type: [2, 3] });
    expect((await houseRow(sixth))?.status).toBe(HouseStatus.draft);
  });

  it("lets a declared 二房东 publish a 6th, shown with that label", async () => {
    const { token, user } = await createUser({ profileSavedAt: new Date(), userType: 1 });
    for (let n = 1; n <= 5; n += 1) await publish(token, await readyDraft(token));
    await writeTransaction((tx) =>
      tx.update(users).set({ userType: 2 }).where(eq(users.id, user.id)).run(),
    );
    const sixth = await readyDraft(token);
    expect((await publish(token, sixth)).status).toBe(0);
    const { body } = await call(detail, { query: { house_id: sixth } });
    expect(body.ans.owner.user_type_text).toBe("二房东");
  });
});

describe("房源核验码 by city", () => {
  it.each([
    [110000, 110100, 110105, "北京", false],
    [310000, 310100, 310115, "上海", false],
    [510000, 510100, 510104, "成都", true],
  ])(
    "province %i (%s … without a code publishes: %s)",
    async (province, city, county, _name, ok) => {
      const { token } = await landlord();
      const id = await draft(token, {
        ...COMPLETE,
        province_code: province,
        city_code: city,
        county_code: county,
      });
      await addPhoto(token, id, { rooms_type: 3 }, await patternJpeg());
      const without = await publish(token, id);
      if (ok) {
        expect(without.status).toBe(0);
        return;
      }
      expect(without.status).toBe(8);
      expect(without.ans.missing).toEqual(["verification_code"]);
      expect(without.msg).toContain("房源核验码");
      await writeTransaction((tx) =>
        tx.update(houses).set({ verificationCode: "HY2026000123" }).where(eq(houses.id, id)).run(),
      );
      expect((await publish(token, id)).status).toBe(0);
      const { body } = await call(detail, { query: { house_id: id } });
      expect(body.ans.verification_code).toBe("HY2026000123");
    },
  );
});

type State = "pending" | "approved" | "rejected";

async function verifiedLandlord(realName: string | null) {
  const owner = await landlord();
  if (realName) {
    await writeTransaction((tx) =>
      tx
        .insert(identityVerifications)
        .values({
          userId: owner.user.id,
          realName,
          idNumberEncrypted: "x",
          idNumberHash: `hash-${owner.user.id}`,
          idNumberMasked: "1101**********0011",
          portraitKey: "private/p.jpg",
          frontKey: "private/f.jpg",
          backKey: "private/b.jpg",
          status: "approved",
        })
        .run(),
    );
  }
  return owner;
}

async function certificate(userId: number, values: { houseType: number; certName: string }) {
  return writeTransaction((tx) =>
    tx
      .insert(propertyVerifications)
      .values({
        userId,
        certName: values.certName,
        idNumberEncrypted: "x",
        idNumberMasked: "1101**********0011",
        certNumber: `CERT-${userId}-${Math.random().toString(36).slice(2, 8)}`.toUpperCase(),
        houseType: values.houseType,
        certPhotoKey: "private/c.jpg",
        community: "锦江花园",
        building: "3",
        room: "1201",
        leaseStart: values.houseType === 2 ? "2026-01-01" : null,
        leaseEnd: values.houseType === 2 ? "2027-12-31" : null,
      })
      .returning()
      .get(),
  );
}

describe("ownership badge per listing", () => {
  const cases: [number, State, boolean, string][] = [];
  for (const type of [1, 2])
    for (const state of ["pending", "approved", "rejected"] as const)
      for (const nameMatches of [true, false]) {
        const badge =
          state !== "approved"
            ? ""
            : type === 2
              ? "转租（租约 2026-01-01 至 2027-12-31）"
              : nameMatches
                ? "房东本人"
                : "";
        cases.push([type, state, nameMatches, badge]);
      }

  it.each(cases)("type %i, %s, name matches %s → %j", async (type, state, nameMatches, badge) => {
    const owner = await verifiedLandlord("王大明");
    const admin = await createUser({ role: "admin" });
    const cert = await certificate(owner.user.id, {
      houseType: type,
      certName: nameMatches ? "王大明" : "李小红",
    });
    const id = await readyDraft(owner.token);
    expect((await publish(owner.token, id)).status).toBe(0);
    const linked = await call(link, {
      token: owner.token,
      form: { house_id: id, property_verification_id: cert.id },
    });
    expect(linked.body.ans).toEqual({ property_verification_id: cert.id, link_pending: true });
    if (state !== "pending")
      await decideVerification({
        type: "property",
        id: cert.id,
        decision: state === "approved" ? "approve" : "reject",
        reason: state === "rejected" ? "证件不清晰" : undefined,
        reviewerId: admin.user.id,
      });
    const { body } = await call(detail, { query: { house_id: id } });
    expect(body.ans.ownership.badge_text).toBe(badge);
    const onlyOwners = await call(search, {
      query: {
        longitude: COMPLETE.longitude,
        latitude: COMPLETE.latitude,
        owner_verified: 1,
        count: 100,
      },
    });
    const found = onlyOwners.body.ans.some((item: { house_id: number }) => item.house_id === id);
    expect(found).toBe(badge === "房东本人");
  });

  it("shows no badge without a link, nor for an owner without an approved real name", async () => {
    const unnamed = await verifiedLandlord(null);
    const cert = await certificate(unnamed.user.id, { houseType: 1, certName: "王大明" });
    const admin = await createUser({ role: "admin" });
    const id = await readyDraft(unnamed.token);
    await publish(unnamed.token, id);
    expect((await call(detail, { query: { house_id: id } })).body.ans.ownership.badge).toBeNull();
    await call(link, {
      token: unnamed.token,
      form: { house_id: id, property_verification_id: cert.id },
    });
    await decideVerification({
      type: "property",
      id: cert.id,
      decision: "approve",
      reviewerId: admin.user.id,
    });
    const { body } = await call(detail, { query: { house_id: id } });
    expect(body.ans.ownership).toMatchObject({ badge: null, link_pending: false });
  });

  it("refuses another user's verification and one whose documents were purged", async () => {
    const owner = await verifiedLandlord("王大明");
    const other = await verifiedLandlord("李小红");
    const foreign = await certificate(other.user.id, { houseType: 1, certName: "李小红" });
    const id = await readyDraft(owner.token);
    const refused = await call(link, {
      token: owner.token,
      form: { house_id: id, property_verification_id: foreign.id },
    });
    expect(refused.body).toMatchObject({
      status: 2,
      msg: "property_verification_id: 不是您的房产认证",
    });
    const old = await certificate(owner.user.id, { houseType: 1, certName: "王大明" });
    await writeTransaction((tx) =>
      tx
        .update(propertyVerifications)
        .set({ status: "approved", documentsDeletedAt: new Date() })
        .where(eq(propertyVerifications.id, old.id))
        .run(),
    );
    const purged = await call(link, {
      token: owner.token,
      form: { house_id: id, property_verification_id: old.id },
    });
    expect(purged.body.status).toBe(8);
    expect(purged.body.msg).toContain("需重新提交房产认证");
  });
});

describe("freshness", () => {
  it("reminds at day 14, shows the days, pulls off at day 30 and tells the owner", async () => {
    const owner = await landlord();
    const id = await readyDraft(owner.token);
    await publish(owner.token, id);
    const confirmedAt = (await houseRow(id))?.availableConfirmedAt as Date;
    const at = (days: number) => new Date(confirmedAt.getTime() + days * DAY_MS);
    const mine = () =>
      db().select().from(notifications).where(eq(notifications.userId, owner.user.id)).all();

    await applyFreshnessRules(at(13.9));
    expect(await mine()).toHaveLength(0);
    expect((await call(detail, { query: { house_id: id } })).body.ans.freshness_text).toBe(
      "今天确认在租",
    );

    await applyFreshnessRules(at(14));
    await applyFreshnessRules(at(14.5));
    const reminders = (await mine()).filter((row) => row.kind === "house_confirm_due");
    expect(reminders).toHaveLength(1);
    expect(JSON.parse(reminders[0]?.payload ?? "{}").body).toContain("14 天未确认在租");
    const { houseDetail } = await import("@/lib/houses/queries");
    expect((await houseDetail(id, null, at(14))).freshness_text).toBe("14 天未确认在租");
    expect((await houseDetail(id, null, at(3))).freshness_text).toBe("3 天前确认在租");

    await applyFreshnessRules(at(29.9));
    expect((await houseRow(id))?.status).toBe(HouseStatus.published);
    await applyFreshnessRules(at(30));
    expect((await houseRow(id))?.status).toBe(HouseStatus.offline);
    const pulled = (await mine()).filter((row) => row.kind === "house_pulled_stale");
    expect(pulled).toHaveLength(1);
    expect(JSON.parse(pulled[0]?.payload ?? "{}").body).toContain("系统已将其下架");
  });

  it("one tap restarts the 14 days", async () => {
    const owner = await landlord();
    const id = await readyDraft(owner.token);
    await publish(owner.token, id);
    const { body } = await call(confirm, { token: owner.token, form: { house_id: id } });
    expect(body.ans.freshness_text).toBe("今天确认在租");
    const confirmedAt = (await houseRow(id))?.availableConfirmedAt as Date;
    expect(await applyFreshnessRules(new Date(confirmedAt.getTime() + 13 * DAY_MS))).toEqual({
      reminded: 0,
      pulled_off: 0,
    });
    const someoneElse = await landlord();
    expect(
      (await call(confirm, { token: someoneElse.token, form: { house_id: id } })).body.status,
    ).toBe(6);
  });
});
