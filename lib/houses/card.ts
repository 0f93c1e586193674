// client-safe: types only, shared by the listing card and the answers it shows (scripts/check-layers.ts).

/** What every listing card shows; the search results and 我的收藏's items both carry it. */
export interface ListingCardFields {
  house_id: number;
  title: string | null;
  community: string | null;
  house_rent: number | null;
  house_size: number | null;
  house_type: string | null;
  rent_room_type: number | null;
  cover_thumb_url: string | null;
}
