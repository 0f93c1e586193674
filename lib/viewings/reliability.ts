import "server-only";
import { and, eq, gte, isNotNull } from "drizzle-orm";
import { db } from "@/db";
import { viewingRequests } from "@/db/schema";

// A landlord's reliability from their viewing requests: of the requests paid in the last 90
// days, the share the landlord responded to and the median time to the first response. Shown
// only once there are at least 3 paid requests, so a single case never defines a landlord.

const RELIABILITY_WINDOW_DAYS = 90;
const RELIABILITY_MIN_REQUESTS = 3;

export interface Reliability {
  paid_requests: number;
  /** 0–100, rounded. */
  response_rate: number;
  /** Median minutes from payment to the landlord's first response; null without responses. */
  median_response_minutes: number | null;
}

export async function landlordReliability(
  ownerId: number,
  now = new Date(),
): Promise<Reliability | null> {
  const since = new Date(now.getTime() - RELIABILITY_WINDOW_DAYS * 24 * 3_600_000);
  const rows = await db()
    .select({ paidAt: viewingRequests.paidAt, respondedAt: viewingRequests.landlordRespondedAt })
    .from(viewingRequests)
    .where(
      and(
        eq(viewingRequests.ownerId, ownerId),
        isNotNull(viewingRequests.paidAt),
        gte(viewingRequests.paidAt, since),
      ),
    )
    .all();
  if (rows.length < RELIABILITY_MIN_REQUESTS) return null;
  const times = rows
    .flatMap((row) =>
      row.paidAt && row.respondedAt ? [row.respondedAt.getTime() - row.paidAt.getTime()] : [],
    )
    .sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  const median =
    times.length === 0
      ? null
      : times.length % 2
        ? (times[middle] ?? 0)
        : ((times[middle - 1] ?? 0) + (times[middle] ?? 0)) / 2;
  return {
    paid_requests: rows.length,
    response_rate: Math.round((times.length / rows.length) * 100),
    median_response_minutes: median === null ? null : Math.round(median / 60_000),
  };
}

/** "2 小时" / "35 分钟" / "1.5 天" for the pages. */
function durationText(minutes: number): string {
  if (minutes < 60) return `${minutes} 分钟`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} 小时`;
  return `${Math.round(minutes / 144) / 10} 天`;
}

/** "近 90 天回应率 80% · 通常 2 小时内回应", as the listing and profile pages show it. */
export function reliabilityText(reliability: Reliability): string {
  const median = reliability.median_response_minutes;
  return `近 90 天回应率 ${reliability.response_rate}%${
    median === null ? "" : ` · 通常 ${durationText(median)}内回应`
  }`;
}
