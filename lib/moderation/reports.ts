import "server-only";
import { and, countDistinct, eq, gte, isNull } from "drizzle-orm";
import {
  HouseStatus,
  houses,
  listingReports,
  moderationFlags,
  ViewingStatus,
  viewingRequests,
} from "@/db/schema";
import { type WriteTx, writeTransaction } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import { holdListing } from "@/lib/moderation/flags";

export const REPORT_REASONS: Record<number, string> = {
  1: "已出租",
  2: "虚假房源",
  3: "中介冒充房东",
  4: "价格不符",
  5: "其他",
};
/** Open reports from this many different users hold the listing until an admin decides. */
const REPORTS_TO_HOLD = 3;

/** Whether the user paid a viewing fee for this listing (the request reached "paid" or later). */
async function paidViewingFee(tx: WriteTx, userId: number, houseId: number): Promise<boolean> {
  return Boolean(
    await tx
      .select({ id: viewingRequests.id })
      .from(viewingRequests)
      .where(
        and(
          eq(viewingRequests.houseId, houseId),
          eq(viewingRequests.tenantId, userId),
          gte(viewingRequests.status, ViewingStatus.paid),
        ),
      )
      .get(),
  );
}

/**
 * Any signed-in user reports a published listing once per open case. Three open reports from
 * different users, or one from a tenant who paid a viewing fee for it, hold it out of search.
 */
export async function reportHouse(
  userId: number,
  input: { houseId: number; reason: number; text: string },
  now = new Date(),
) {
  if (input.reason === 5 && !input.text.trim())
    throw ApiError.badParam("text", "选择“其他”时请写明原因");
  return writeTransaction(async (tx) => {
    const house = await tx.select().from(houses).where(eq(houses.id, input.houseId)).get();
    if (!house || house.status !== HouseStatus.published) throw ApiError.notFound("房源");
    if (house.userId === userId) throw ApiError.forbidden("不能举报自己的房源");
    const open = and(eq(listingReports.houseId, house.id), isNull(listingReports.resolvedAt));
    const already = await tx
      .select({ id: listingReports.id })
      .from(listingReports)
      .where(and(open, eq(listingReports.reporterId, userId)))
      .get();
    if (already) throw ApiError.conflict("您已举报过该房源，平台处理后会通知房东");
    const paid = await paidViewingFee(tx, userId, house.id);
    const report = await tx
      .insert(listingReports)
      .values({
        houseId: house.id,
        reporterId: userId,
        reason: input.reason,
        text: input.text.trim(),
        paidViewing: paid,
        createdAt: now,
      })
      .returning({ id: listingReports.id })
      .get();
    const reporters =
      (
        await tx
          .select({ n: countDistinct(listingReports.reporterId) })
          .from(listingReports)
          .where(open)
          .get()
      )?.n ?? 0;
    const alreadyHeld = await tx
      .select({ id: moderationFlags.id })
      .from(moderationFlags)
      .where(
        and(
          eq(moderationFlags.houseId, house.id),
          eq(moderationFlags.kind, "reports"),
          isNull(moderationFlags.resolvedAt),
        ),
      )
      .get();
    const reason = REPORT_REASONS[input.reason] ?? "其他";
    let held = Boolean(alreadyHeld);
    if (!alreadyHeld && (paid || reporters >= REPORTS_TO_HOLD)) {
      await holdListing(tx, {
        houseId: house.id,
        kind: "reports",
        detail: paid
          ? `一位已支付看房费的租客举报了该房源（${reason}）`
          : `${reporters} 位不同用户举报了该房源（最近一次：${reason}）`,
        now,
      });
      held = true;
    }
    return { report_id: report.id, held };
  });
}
