// Every API endpoint also answers at its legacy path (e.g. /wx_fetch_userinfo). A rewrite, not
// proxy.ts: Next buffers a proxied request body in memory and cuts it at 10 MB, which broke
// legacy video and photo uploads. The handler still sees the path the client called, which is
// how it knows to answer HTTP 200 there (lib/api/route.ts).
const LEGACY_ENDPOINTS = [
  "wx_fetch_userinfo|fetch_userinfo|create_userinfo|user_identification|house_identification",
  "verification_status|logout|search_house|search_map|search_count",
  "house_create|house_release|my_house_list|update_house_info|pulloff_house|delete_house_info",
  "house_detail|create_house_photo|update_house_photo|delete_house_photo|set_house_photo_order",
  "create_house_video|update_house_video|delete_house_video|favorite|my_favorites",
  "confirm_house_available|link_house_verification",
  "place_search|my_house_stats",
].join("|");

export const legacyRewrites = [
  // The legacy notify URL kept its typo.
  { source: "/payment/ali/nontify/pre_order_payment", destination: "/api/payment/ali/notify" },
  { source: `/:endpoint(${LEGACY_ENDPOINTS})`, destination: "/api/:endpoint" },
  {
    source: "/:group(invitation|order|payment|file|wechat|notification|sms|moderation)/:rest*",
    destination: "/api/:group/:rest*",
  },
];
