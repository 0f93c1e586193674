import { z } from "zod";
import { openApiDocument } from "@/lib/api/openapi";
import { defineRoute, raw } from "@/lib/api/route";
import { routeIndex } from "../routes.generated";

// GET /api/openapi-admin.json – the operators' OpenAPI document (admin review, X-Internal-Key,
// provider callbacks, the sandbox): for admins only, since it maps the privileged surface.
export const GET = defineRoute(
  {
    auth: "admin",
    params: z.object({}),
    answer: raw("application/json", "the operators' OpenAPI 3.1 document"),
  },
  async () =>
    Response.json(openApiDocument(routeIndex, "operators"), {
      headers: { "cache-control": "no-store" },
    }),
);
