import { defineRoute } from "@/lib/api/route";
import { searchHouseParams } from "@/lib/search/params";
import { searchHouses } from "@/lib/search/search-houses";

// Public, as the legacy service really was (any token is ignored).
export const POST = defineRoute({ auth: "none", params: searchHouseParams }, ({ params }) =>
  searchHouses(params),
);
export const GET = POST;
