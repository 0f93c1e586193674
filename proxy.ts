import { type NextRequest, NextResponse } from "next/server";

// Serves every API endpoint at its legacy path too (e.g. /wx_fetch_userinfo → /api/wx_fetch_userinfo).
// The marker header makes the envelope answer HTTP 200 there, as old clients expect.
export function proxy(request: NextRequest) {
  const url = request.nextUrl.clone();
  url.pathname =
    url.pathname === "/payment/ali/nontify/pre_order_payment"
      ? "/api/payment/ali/notify"
      : `/api${url.pathname}`;
  const headers = new Headers(request.headers);
  headers.set("x-zhizu-legacy-path", "1");
  return NextResponse.rewrite(url, { request: { headers } });
}

export const config = {
  matcher: [
    "/(wx_fetch_userinfo|fetch_userinfo|create_userinfo|user_identification|house_identification|verification_status|logout)",
    "/(house_create|house_release|my_house_list|update_house_info|pulloff_house|delete_house_info|house_detail)",
    "/(create_house_photo|update_house_photo|delete_house_photo|create_house_video|update_house_video|delete_house_video|set_house_photo_order)",
    "/(search_house|search_map)",
    "/invitation/:path*",
    "/order/:path*",
    "/payment/:path*",
    "/file/:path*",
  ],
};
