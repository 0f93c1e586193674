import "server-only";
import { cache } from "react";
import { ownerProfile } from "@/lib/houses/queries";
import { landlordHouses } from "@/lib/search/similar";

/**
 * A landlord's public profile (`/landlords/<id>`): their name, avatar, approved verifications,
 * reliability and published listings. Null for an unknown id or a user with no published
 * listing, so the page is a 404 that tells nothing about accounts that are not landlords.
 * Cached per request (metadata and page read it once).
 */
export const landlordProfile = cache(async (id: string) => {
  if (!/^[1-9][0-9]{0,11}$/.test(id)) return null;
  const listings = await landlordHouses(Number(id));
  if (listings.length === 0) return null;
  const owner = await ownerProfile(Number(id));
  return owner && { owner, listings };
});
