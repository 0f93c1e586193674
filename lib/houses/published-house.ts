import "server-only";
import { cache } from "react";
import { HouseStatus } from "@/db/schema";
import { ApiError, Status } from "@/lib/api/errors";
import { houseDetail } from "@/lib/houses/queries";

/**
 * A published listing for the public pages, or null: drafts and offline listings have no public
 * page (not even for their owner, who manages them from 我的房源). Cached per request, so
 * generateMetadata and the page read it once.
 */
export const publishedHouse = cache(async (rawId: string) => {
  if (!/^[1-9]\d{0,11}$/.test(rawId)) return null;
  try {
    const house = await houseDetail(Number(rawId), null);
    return house.status === HouseStatus.published ? house : null;
  } catch (error) {
    if (error instanceof ApiError && error.status === Status.notFound) return null;
    throw error;
  }
});
