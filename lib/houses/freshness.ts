import "server-only";
import { and, eq, lte } from "drizzle-orm";
import { changedRows, db } from "@/db";
import { HouseStatus, houses } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import { ownedHouse } from "@/lib/houses/access";
import { notify } from "@/lib/notifications/notify";

// Freshness: a published listing is confirmed as still available (one tap) at least every
// CONFIRM_EVERY_DAYS; after that it shows "N 天未确认在租" and the owner is reminded, and after
// PULL_OFF_AFTER_DAYS without a confirmation it is pulled off (status 2) and the owner told.

const CONFIRM_EVERY_DAYS = 14;
const PULL_OFF_AFTER_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const MY_HOUSES = "/me/houses";

/** What cards and the detail page show about the last confirmation. */
export function freshness(confirmedAt: Date | null, now: Date) {
  if (!confirmedAt) return { confirmed_days_ago: null, freshness_text: "" };
  const days = Math.max(0, Math.floor((now.getTime() - confirmedAt.getTime()) / DAY_MS));
  return {
    confirmed_days_ago: days,
    freshness_text:
      days >= CONFIRM_EVERY_DAYS
        ? `${days} 天未确认在租`
        : days === 0
          ? "今天确认在租"
          : `${days} 天前确认在租`,
  };
}

/** The owner's one tap: the published listing is still available as of now. */
export async function confirmAvailable(userId: number, houseId: number, now = new Date()) {
  return writeTransaction(async (tx) => {
    const house = await ownedHouse(tx, houseId, userId);
    const changed = changedRows(
      await tx
        .update(houses)
        .set({ availableConfirmedAt: now })
        .where(and(eq(houses.id, house.id), eq(houses.status, HouseStatus.published)))
        .run(),
    );
    if (changed !== 1)
      throw ApiError.conflict("只有已发布的房源需要确认在租；已下架的房源重新发布即可");
    return { confirmed_at: now.toISOString(), ...freshness(now, now) };
  });
}

const titleOf = (house: { id: number; descriptionTitle: string | null }) =>
  house.descriptionTitle || `房源 #${house.id}`;

/**
 * The job step: reminds owners of listings unconfirmed for 14 days (once per confirmation) and
 * pulls off those unconfirmed for 30, each change guarded by the confirmation it read.
 */
export async function applyFreshnessRules(now: Date) {
  let reminded = 0;
  let pulledOff = 0;
  const pullCutoff = new Date(now.getTime() - PULL_OFF_AFTER_DAYS * DAY_MS);
  const remindCutoff = new Date(now.getTime() - CONFIRM_EVERY_DAYS * DAY_MS);
  const stale = await db()
    .select({
      id: houses.id,
      userId: houses.userId,
      descriptionTitle: houses.descriptionTitle,
      confirmedAt: houses.availableConfirmedAt,
    })
    .from(houses)
    .where(
      and(eq(houses.status, HouseStatus.published), lte(houses.availableConfirmedAt, remindCutoff)),
    )
    .all();
  for (const house of stale) {
    const confirmedAt = house.confirmedAt as Date;
    const days = Math.floor((now.getTime() - confirmedAt.getTime()) / DAY_MS);
    const title = titleOf(house);
    await writeTransaction(async (tx) => {
      if (confirmedAt <= pullCutoff) {
        const changed = changedRows(
          await tx
            .update(houses)
            .set({ status: HouseStatus.offline })
            .where(
              and(
                eq(houses.id, house.id),
                eq(houses.status, HouseStatus.published),
                eq(houses.availableConfirmedAt, confirmedAt),
              ),
            )
            .run(),
        );
        if (changed !== 1) return;
        pulledOff += 1;
        await notify(tx, {
          userId: house.userId,
          kind: "house_pulled_stale",
          eventKey: `house_pulled_stale:${house.id}:${confirmedAt.getTime()}`,
          payload: {
            house_id: house.id,
            house_title: title,
            title: "房源已自动下架",
            body: `「${title}」已 ${days} 天未确认在租（超过 ${PULL_OFF_AFTER_DAYS} 天），系统已将其下架。如仍在出租，请在我的房源中重新发布。`,
          },
          link: MY_HOUSES,
          now,
        });
        return;
      }
      const sent = await notify(tx, {
        userId: house.userId,
        kind: "house_confirm_due",
        eventKey: `house_confirm_due:${house.id}:${confirmedAt.getTime()}`,
        payload: {
          house_id: house.id,
          house_title: title,
          title: "请确认房源仍在出租",
          body: `「${title}」已 ${days} 天未确认在租，租客会看到“${days} 天未确认在租”。请在我的房源中点“仍在出租”确认；超过 ${PULL_OFF_AFTER_DAYS} 天未确认将自动下架。`,
        },
        link: MY_HOUSES,
        now,
      });
      if (sent) reminded += 1;
    });
  }
  return { reminded, pulled_off: pulledOff };
}
