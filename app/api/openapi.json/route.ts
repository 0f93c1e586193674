import { openApiDocument } from "@/lib/api/openapi";
import { routeIndex } from "../routes.generated";

// GET /api/openapi.json – the public API's OpenAPI 3.1 document, built from the endpoints' own
// schemas once per process (it only changes with the code).
let document: string | undefined;

export async function GET(): Promise<Response> {
  document ??= JSON.stringify(openApiDocument(routeIndex, "public"));
  return new Response(document, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "public, max-age=300",
    },
  });
}
