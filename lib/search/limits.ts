// client-safe: the search page keeps to the API's limits, so no server imports (scripts/check-layers.ts).
// Search limits the page needs too (client-safe, no zod): the parameter schemas in
// lib/search/params.ts enforce them on the server.

/** Largest map viewport, in degrees: about a province; zoom in further to see listings. */
export const MAX_BBOX_SPAN = 5;
