import { defineRoute } from "@/lib/api/route";
import { searchMapParams } from "@/lib/search/params";
import { searchMap } from "@/lib/search/search-map";

export const POST = defineRoute({ auth: "none", params: searchMapParams }, ({ params }) =>
  searchMap(params),
);
export const GET = POST;
