import "server-only";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { changedRows } from "@/db";
import {
  HouseStatus,
  houses,
  listingReports,
  type ModerationDecisionKind,
  ModerationState,
  moderationDecisions,
  moderationFlags,
  propertyVerifications,
  users,
} from "@/db/schema";
import { type WriteTx, writeTransaction } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import { type Connection, ownedHouse } from "@/lib/houses/access";
import { confirmLinks } from "@/lib/houses/ownership";
import { log } from "@/lib/log";
import { openFlagExists } from "@/lib/moderation/flags";
import { notify } from "@/lib/notifications/notify";

// Admin decisions on the moderation queue. Each is recorded with the reason the landlord is
// told; the landlord may appeal a decision once, and the decision taken on the appeal is final.

export const DECISION_TEXT: Record<ModerationDecisionKind, string> = {
  keep: "保留房源",
  require_changes: "需修改后重新发布",
  take_down: "平台下架",
  relabel_agent: "账号标记为中介",
};

const MY_HOUSES = "/me/houses";

/** Whether the listing has an open case (an unresolved finding or report). */
async function openCase(conn: Connection, houseId: number): Promise<boolean> {
  const flag = await conn
    .select({ id: moderationFlags.id })
    .from(moderationFlags)
    .where(and(eq(moderationFlags.houseId, houseId), isNull(moderationFlags.resolvedAt)))
    .get();
  if (flag) return true;
  return Boolean(
    await conn
      .select({ id: listingReports.id })
      .from(listingReports)
      .where(and(eq(listingReports.houseId, houseId), isNull(listingReports.resolvedAt)))
      .get(),
  );
}

async function applyDecision(
  tx: WriteTx,
  house: typeof houses.$inferSelect,
  decision: ModerationDecisionKind,
  now: Date,
) {
  const published = house.status === HouseStatus.published;
  const set =
    decision === "take_down"
      ? {
          moderationState: ModerationState.takenDown,
          ...(published ? { status: HouseStatus.offline } : {}),
        }
      : decision === "require_changes"
        ? {
            moderationState: ModerationState.visible,
            ...(published ? { status: HouseStatus.offline } : {}),
          }
        : { moderationState: ModerationState.visible };
  const changed = changedRows(
    await tx
      .update(houses)
      .set(set)
      .where(
        and(
          eq(houses.id, house.id),
          eq(houses.status, house.status),
          eq(houses.moderationState, house.moderationState),
        ),
      )
      .run(),
  );
  if (changed !== 1) throw ApiError.conflict("房源状态已变化，请刷新后重试");
  if (decision === "relabel_agent")
    await tx.update(users).set({ userType: 3 }).where(eq(users.id, house.userId)).run();
  if (decision === "keep" && house.propertyVerificationId) {
    // Keeping a listing whose new link was queued confirms the certificate address.
    const verification = await tx
      .select({ status: propertyVerifications.status })
      .from(propertyVerifications)
      .where(eq(propertyVerifications.id, house.propertyVerificationId))
      .get();
    if (verification?.status === "approved") await confirmLinks(tx, { houseId: house.id }, now);
  }
}

export async function decideModeration(input: {
  adminId: number;
  houseId: number;
  decision: ModerationDecisionKind;
  reason: string;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  const reason = input.reason.trim();
  if (!reason) throw ApiError.badParam("reason", "请填写告知房东的原因");
  const result = await writeTransaction(async (tx) => {
    const house = await tx.select().from(houses).where(eq(houses.id, input.houseId)).get();
    if (!house || house.status === HouseStatus.deleted) throw ApiError.notFound("房源");
    if (!(await openCase(tx, house.id))) throw ApiError.conflict("该房源没有待处理的审核");
    const appeal = await openFlagExists(tx, house.id, "appeal");
    await applyDecision(tx, house, input.decision, now);
    const resolved = { resolvedAt: now };
    await tx
      .update(moderationFlags)
      .set(resolved)
      .where(and(eq(moderationFlags.houseId, house.id), isNull(moderationFlags.resolvedAt)))
      .run();
    await tx
      .update(listingReports)
      .set(resolved)
      .where(and(eq(listingReports.houseId, house.id), isNull(listingReports.resolvedAt)))
      .run();
    const row = await tx
      .insert(moderationDecisions)
      .values({
        houseId: house.id,
        adminId: input.adminId,
        decision: input.decision,
        reason,
        onAppeal: appeal,
        createdAt: now,
      })
      .returning({ id: moderationDecisions.id })
      .get();
    const title = house.descriptionTitle || `房源 #${house.id}`;
    const canAppeal = !appeal && input.decision !== "keep";
    await notify(tx, {
      userId: house.userId,
      kind: "moderation_decision",
      eventKey: `moderation_decision:${row.id}`,
      payload: {
        house_id: house.id,
        house_title: title,
        decision: input.decision,
        title: `房源审核结果：${DECISION_TEXT[input.decision]}`,
        body: `「${title}」：${DECISION_TEXT[input.decision]}。原因：${reason}${canAppeal ? "。如有异议，可在我的房源中申诉一次。" : ""}`,
      },
      link: MY_HOUSES,
      now,
    });
    return { id: row.id, on_appeal: appeal };
  });
  log.info("moderation.decided", {
    houseId: input.houseId,
    decision: input.decision,
    adminId: input.adminId,
    decisionId: result.id,
  });
  return { decision_id: result.id, decision: input.decision, on_appeal: result.on_appeal };
}

function latestDecision(conn: Connection, houseId: number) {
  return conn
    .select()
    .from(moderationDecisions)
    .where(eq(moderationDecisions.houseId, houseId))
    .orderBy(desc(moderationDecisions.id))
    .get();
}

/** The landlord appeals the latest decision once; the listing goes back into the queue. */
export async function appealModeration(
  userId: number,
  houseId: number,
  text: string,
  now = new Date(),
) {
  const reason = text.trim();
  if (!reason) throw ApiError.badParam("text", "请写明申诉理由");
  return writeTransaction(async (tx) => {
    const house = await ownedHouse(tx, houseId, userId);
    const decision = await latestDecision(tx, house.id);
    if (!decision || decision.decision === "keep")
      throw ApiError.conflict("该房源没有可申诉的审核结果");
    if (decision.onAppeal) throw ApiError.conflict("申诉已处理，结果为最终结果，不能再次申诉");
    const changed = changedRows(
      await tx
        .update(moderationDecisions)
        .set({ appealText: reason, appealedAt: now })
        .where(and(eq(moderationDecisions.id, decision.id), isNull(moderationDecisions.appealedAt)))
        .run(),
    );
    if (changed !== 1) throw ApiError.conflict("每个审核结果只能申诉一次，平台会尽快处理");
    await tx
      .insert(moderationFlags)
      .values({ houseId: house.id, kind: "appeal", detail: `房东申诉：${reason}`, createdAt: now })
      .run();
    return { decision_id: decision.id, appealed_at: now.toISOString() };
  });
}

export const MODERATION_STATE_TEXT: Record<number, string> = {
  0: "",
  1: "审核中，暂不在搜索中展示",
  2: "已被平台下架",
};

/** What the landlord sees about moderation on each of their listings. */
export async function moderationForOwner(conn: Connection, houseIds: number[]) {
  const result = new Map<number, ReturnType<typeof ownerView>>();
  if (houseIds.length === 0) return result;
  const flags = await conn
    .select()
    .from(moderationFlags)
    .where(and(inArray(moderationFlags.houseId, houseIds), isNull(moderationFlags.resolvedAt)))
    .all();
  const decisions = await conn
    .select()
    .from(moderationDecisions)
    .where(inArray(moderationDecisions.houseId, houseIds))
    .orderBy(desc(moderationDecisions.id))
    .all();
  for (const id of houseIds)
    result.set(
      id,
      ownerView(
        flags.filter((flag) => flag.houseId === id && flag.kind !== "photo_location"),
        decisions.find((decision) => decision.houseId === id),
      ),
    );
  return result;
}

function ownerView(
  flags: (typeof moderationFlags.$inferSelect)[],
  decision: typeof moderationDecisions.$inferSelect | undefined,
) {
  return {
    open_reasons: flags.map((flag) => flag.detail),
    last_decision: decision
      ? {
          decision: decision.decision,
          decision_text: DECISION_TEXT[decision.decision],
          reason: decision.reason,
          created_at: decision.createdAt.toISOString(),
          appealed: decision.appealedAt !== null,
          can_appeal:
            decision.decision !== "keep" && !decision.onAppeal && decision.appealedAt === null,
        }
      : null,
  };
}
