import fs from "node:fs";
import { validate } from "@readme/openapi-parser";
import {
  getRewrittenUrl,
  unstable_getResponseFromNextConfig,
} from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { routeIndex } from "@/app/api/routes.generated";
import { audienceOf, contractOf, LEGACY_TAG, openApiDocument } from "@/lib/api/openapi";
import nextConfig from "@/next.config";
import { endpointTypesSource } from "@/scripts/contract/endpoint-types";
import {
  NOT_IN_CONTRACT,
  openApiPath,
  routeDirs,
  routeIndexSource,
} from "@/scripts/contract/route-index";

const publicDocument = openApiDocument(routeIndex, "public");
const operatorsDocument = openApiDocument(routeIndex, "operators");

describe("the OpenAPI documents", () => {
  it("are valid OpenAPI 3.1", async () => {
    for (const document of [publicDocument, operatorsDocument]) {
      const result = await validate(structuredClone(document) as never);
      expect(result.valid ? [] : result.errors).toEqual([]);
    }
  });

  it("are refused by the validator when broken (the check above can fail)", async () => {
    const broken = structuredClone(publicDocument) as { paths: Record<string, unknown> };
    broken.paths["/api/house_detail"] = { get: { responses: "none" } };
    expect((await validate(broken as never)).valid).toBe(false);
  });

  it("describe every method of every route file, each in its audience's document only", async () => {
    const missing: string[] = [];
    for (const dir of routeDirs()) {
      const path = `/api/${dir}`;
      if (path in NOT_IN_CONTRACT) continue;
      const module = await import(/* @vite-ignore */ `@/app/api/${dir}/route`);
      for (const method of ["GET", "POST"] as const) {
        if (!module[method]) continue;
        const contract = contractOf(module[method]);
        const where =
          contract && audienceOf(contract) === "operators" ? operatorsDocument : publicDocument;
        const other = where === publicDocument ? operatorsDocument : publicDocument;
        const documented = where.paths[openApiPath(dir)]?.[method.toLowerCase()];
        if (!contract || !documented) missing.push(`${method} ${path}`);
        expect(
          other.paths[openApiPath(dir)]?.[method.toLowerCase()],
          `${method} ${path}`,
        ).toBeUndefined();
      }
    }
    expect(missing).toEqual([]);
  });

  it("keep admin, internal-key and sandbox endpoints out of the public document", () => {
    const paths = Object.keys(publicDocument.paths);
    expect(paths).toContain("/api/house_detail");
    expect(paths).toContain("/house_detail");
    expect(paths.filter((path) => /admin|sandbox|pay_to_customer|notify/.test(path))).toEqual([]);
    expect(Object.keys(operatorsDocument.paths)).toEqual(
      expect.arrayContaining([
        "/api/admin/verifications",
        "/api/payment/ali/pay_to_customer",
        "/payment/ali/nontify/pre_order_payment",
        "/api/sandbox/alipay/gateway.do",
      ]),
    );
  });

  it("list every /api/ path before the legacy copies, which share one tag", () => {
    const paths = Object.keys(publicDocument.paths);
    const firstLegacy = paths.findIndex((path) => !path.startsWith("/api/"));
    expect(paths.slice(firstLegacy).filter((path) => path.startsWith("/api/"))).toEqual([]);
    const legacyTags = paths
      .slice(firstLegacy)
      .flatMap((path) => Object.values(publicDocument.paths[path]!) as { tags: string[] }[])
      .flatMap((operation) => operation.tags);
    expect(new Set(legacyTags)).toEqual(new Set([LEGACY_TAG]));
  });

  it("list as legacy paths exactly those next.config.ts rewrites to the endpoint", async () => {
    const config = nextConfig("phase-test");
    for (const document of [publicDocument, operatorsDocument]) {
      for (const path of Object.keys(document.paths).filter((each) => !each.startsWith("/api/"))) {
        const url = `http://localhost:3000${path.replace("{key}", "public/a.jpg")}`;
        const target = getRewrittenUrl(
          await unstable_getResponseFromNextConfig({ url, nextConfig: config }),
        );
        const operation = Object.values(document.paths[path]!)[0] as { description: string };
        expect(operation.description, path).toContain(
          `Legacy path of ${target ? new URL(target).pathname.replace("public/a.jpg", "{key}") : "?"}`,
        );
      }
    }
  });

  it("describe multipart file fields and the auth schemes", () => {
    const upload = publicDocument.paths["/api/create_house_photo"]?.post as {
      requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> };
      security: unknown[];
    };
    const body = upload.requestBody.content["multipart/form-data"]!.schema;
    expect(body.properties.house_photo).toMatchObject({
      type: "array",
      items: { format: "binary" },
    });
    expect(body.properties.house_id).toMatchObject({ type: "integer" });
    expect(upload.security).toEqual([{ token: [] }, { bearer: [] }]);
  });
});

describe("the generated contract files", () => {
  it("match the code (run npm run contract after changing an endpoint)", () => {
    expect(fs.readFileSync("app/api/routes.generated.ts", "utf8")).toBe(routeIndexSource());
    expect(fs.readFileSync("lib/api/endpoints.generated.ts", "utf8")).toBe(
      endpointTypesSource(routeIndex),
    );
  });
});
