import { type NextRequest, NextResponse } from "next/server";
import { isLandlordWithListingId, isPublishedHouseId } from "@/lib/houses/published";
import { isSameOriginPost } from "@/lib/urls";

// Runs for page routes only (see `config.matcher`): Next buffers the body of every request a
// proxy sees, so API and legacy paths, which carry uploads, must never match.

// Matches /houses/<id> and /houses/<id>/viewing.
const HOUSE_PAGE = /^\/houses\/([^/]+)(?:\/viewing)?\/?$/;
// Matches /landlords/<id>.
const LANDLORD_PAGE = /^\/landlords\/([^/]+)\/?$/;

export async function proxy(request: NextRequest): Promise<NextResponse> {
  // Pages take POSTs only as server actions; Next refuses a cross-site one with a 500.
  if (request.method === "POST" && !isSameOriginPost(request.headers)) {
    return new NextResponse("跨站请求已拒绝", {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  // notFound() thrown inside a page sends an empty HTML shell that only JavaScript fills in
  // (vercel/next.js#62228); an unmatched path renders the 404 page on the server.
  const house = HOUSE_PAGE.exec(request.nextUrl.pathname);
  const landlord = LANDLORD_PAGE.exec(request.nextUrl.pathname);
  if (
    request.method === "GET" &&
    ((house?.[1] && !(await isPublishedHouseId(house[1]))) ||
      (landlord?.[1] && !(await isLandlordWithListingId(landlord[1]))))
  ) {
    return NextResponse.rewrite(new URL("/_not-found", request.url));
  }
  return NextResponse.next();
}

export const config = {
  // Every top-level page folder under app/ (proxy.test.ts checks the list is complete).
  matcher: [
    "/",
    "/admin/:path*",
    "/alipay/:path*",
    "/api-docs/:path*",
    "/houses/:path*",
    "/invite/:path*",
    "/landlords/:path*",
    "/login/:path*",
    "/me/:path*",
    "/notifications/:path*",
    "/pay/:path*",
    "/sandbox/:path*",
    "/viewings/:path*",
    "/wallet/:path*",
  ],
};
