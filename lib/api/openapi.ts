import { z } from "zod";
import type { PlainContract } from "@/lib/api/described-route";
import { httpStatusOf, Status } from "@/lib/api/errors";
import { legacyRewrites } from "@/lib/api/legacy-paths";
import type { FileRules } from "@/lib/api/request";
import type { RawAnswer, RouteOptions } from "@/lib/api/route";

// The OpenAPI 3.1 documents, built from the endpoints' own zod schemas (parameters, file rules,
// answers) as the route registry lists them, so the document cannot drift from the code.

type Contract = PlainContract &
  Partial<Pick<RouteOptions<z.ZodType, never, never>, "files" | "internalKey">>;
type Handler = { contract: Contract };
export type RouteModule = { GET?: unknown; POST?: unknown };
export interface RegistryEntry {
  path: string;
  summary: string;
  module: RouteModule;
}
export type Audience = "public" | "operators";
type JsonSchema = Record<string, unknown>;

const METHODS = ["GET", "POST"] as const;
/** The one tag of every legacy path's operation (each repeats an /api/ operation). */
export const LEGACY_TAG = "legacy paths";

export function contractOf(handler: unknown): Contract | undefined {
  return (handler as Partial<Handler> | undefined)?.contract;
}

export function audienceOf(contract: Contract): Audience {
  return contract.audience === "operators" || contract.auth === "admin" ? "operators" : "public";
}

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return rest;
}

/** Compiles a Next rewrite source (`/:name(a|b)`, `/:rest*`) into a matcher of its parameters. */
function rewriteTarget(rule: { source: string; destination: string }, pathname: string) {
  const names: string[] = [];
  const pattern = rule.source.replace(/:(\w+)(\([^)]*\))?(\*)?/g, (_, name, group, star) => {
    names.push(name);
    return star ? "(.*)" : (group ?? "([^/]+)");
  });
  const match = new RegExp(`^${pattern}$`).exec(pathname);
  if (!match) return null;
  return names.reduce(
    (target, name, index) => target.replace(new RegExp(`:${name}\\*?`), match[index + 1] ?? ""),
    rule.destination,
  );
}

/** The legacy paths that next.config.ts rewrites to this /api path (the first rule wins). */
function legacyPathsOf(apiPath: string): string[] {
  const candidates = [
    ...legacyRewrites.filter((rule) => !rule.source.includes(":")).map((rule) => rule.source),
    apiPath.replace(/^\/api/, ""),
  ];
  return candidates.filter((candidate) => {
    const rule = legacyRewrites.find((each) => rewriteTarget(each, candidate) !== null);
    return rule && rewriteTarget(rule, candidate) === apiPath;
  });
}

const envelope = (ans: JsonSchema): JsonSchema => ({
  type: "object",
  required: ["status", "msg", "ans"],
  properties: {
    status: { const: 0 },
    msg: { type: "string", description: 'usually ""' },
    ans,
  },
});

const STATUS_MEANING: Record<number, string> = {
  [Status.badParam]: "bad parameter: msg is `<field>: <reason>`, ans.field names the field",
  [Status.notLoggedIn]: "not logged in: no token, or an unknown, expired or revoked one",
  [Status.internal]: "unexpected internal error",
  [Status.forbidden]: "forbidden: logged in, but not allowed",
  [Status.notFound]: "not found",
  [Status.conflict]: "conflict or invalid state",
  [Status.tooLarge]: "too large (uploads; ans.max_bytes)",
  [Status.rateLimited]: "rate limited",
  [Status.paymentProvider]: "payment provider error",
};

const errorStatuses = Object.keys(STATUS_MEANING).map(Number) as Exclude<
  keyof typeof httpStatusOf,
  0
>[];

const statusTable = [
  "| status | HTTP on /api/ | meaning |",
  "|---|---|---|",
  "| 0 | 200 | ok |",
  ...errorStatuses.map((code) => `| ${code} | ${httpStatusOf[code]} | ${STATUS_MEANING[code]} |`),
].join("\n");

const DESCRIPTION = `直租（Zhizu）开放接口。

Every endpoint answers at \`/api/<path>\` and, for the endpoints the legacy service had, at its
legacy path too (\`/wx_fetch_userinfo\`, …), with GET and POST alike. Parameters come from the
query string or an urlencoded, multipart or JSON body (the body wins). Every answer is the
envelope \`{status, msg, ans}\`: \`status\` 0 is success and \`ans\` the answer described per
operation. Legacy paths always answer HTTP 200 (read \`status\`); /api/ paths also set the HTTP
status of the table. Authenticated endpoints take the token from \`/wx_fetch_userinfo\` as the
\`token\` header or \`Authorization: Bearer <token>\`.

${statusTable}`;

function components(audience: Audience) {
  return {
    securitySchemes: {
      token: { type: "apiKey", in: "header", name: "token", description: "the legacy header" },
      bearer: { type: "http", scheme: "bearer", description: "the same token" },
      ...(audience === "operators"
        ? {
            internalKey: {
              type: "apiKey",
              in: "header",
              name: "X-Internal-Key",
              description: "a trusted server's shared secret (INTERNAL_API_KEY)",
            },
          }
        : {}),
    },
    schemas: {
      ErrorEnvelope: {
        type: "object",
        required: ["status", "msg", "ans"],
        properties: {
          status: { type: "integer", enum: errorStatuses, description: statusTable },
          msg: { type: "string", description: "a message for the user (Chinese)" },
          ans: {
            type: "object",
            properties: {
              field: { type: "string", description: "status 2: the parameter at fault" },
              max_bytes: { type: "integer", description: "status 9: the limit" },
            },
          },
        },
        example: { status: 2, msg: "house_id: 缺少此参数", ans: { field: "house_id" } },
      },
    },
  };
}

function security(contract: Contract): Record<string, string[]>[] {
  if (contract.auth === "none") return [];
  const schemes = ["token", "bearer", ...(contract.internalKey ? ["internalKey"] : [])].map(
    (name): Record<string, string[]> => ({ [name]: [] }),
  );
  // An empty requirement: the token is optional.
  return contract.auth === "optional" ? [...schemes, {}] : schemes;
}

function fileSchemas(files: FileRules = {}): Record<string, JsonSchema> {
  return Object.fromEntries(
    Object.entries(files).map(([field, rule]) => {
      const file = {
        type: "string",
        format: "binary",
        description: `at most ${rule.maxBytes} bytes`,
      };
      return [
        field,
        (rule.maxCount ?? 1) > 1 ? { type: "array", items: file, maxItems: rule.maxCount } : file,
      ];
    }),
  );
}

function requestParts(path: string, method: "GET" | "POST", contract: Contract) {
  const schema = contract.params ? jsonSchema(contract.params, "input") : { properties: {} };
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const inPath = new Set([...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!));
  const parameter = (name: string, where: "path" | "query") => ({
    name,
    in: where,
    required: where === "path" || required.has(name),
    // A path segment the params schema does not name (a catch-all like the sandbox gateway's).
    schema: properties[name] ?? { type: "string" },
  });
  const pathParameters = [...inPath].map((name) => parameter(name, "path"));
  const bodyNames = Object.keys(properties).filter((name) => !inPath.has(name));
  const files = fileSchemas(contract.files);
  if (method === "GET" || (bodyNames.length === 0 && Object.keys(files).length === 0)) {
    return {
      parameters: [...pathParameters, ...bodyNames.map((name) => parameter(name, "query"))],
    };
  }
  const body = { ...schema, properties: { ...properties, ...files } };
  const content = Object.keys(files).length
    ? { "multipart/form-data": { schema: body } }
    : {
        "application/x-www-form-urlencoded": { schema: body },
        "application/json": { schema: body },
      };
  return { parameters: pathParameters, requestBody: { required: true, content } };
}

function rawResponses(answer: RawAnswer) {
  if (answer.raw === "redirect")
    return {
      "302": {
        description: answer.description,
        headers: { location: { schema: { type: "string" } } },
      },
    };
  return {
    "200": {
      description: answer.description,
      content: { [answer.raw]: { schema: { type: "string" } } },
    },
  };
}

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorEnvelope" } } },
});

function responses(contract: Contract, legacy: boolean) {
  if (!(contract.answer instanceof z.ZodType)) return rawResponses(contract.answer);
  const success = envelope(jsonSchema(contract.answer, "output"));
  if (legacy)
    return {
      "200": {
        description: "success (status 0) or an error envelope: legacy paths always answer 200",
        content: {
          "application/json": {
            schema: { oneOf: [success, { $ref: "#/components/schemas/ErrorEnvelope" }] },
          },
        },
      },
    };
  return {
    "200": { description: "success", content: { "application/json": { schema: success } } },
    ...(contract.params ? { "400": errorResponse("status 2: bad parameter") } : {}),
    ...(contract.auth === "user" || contract.auth === "admin"
      ? { "401": errorResponse("status 4: not logged in") }
      : {}),
    default: errorResponse("any other error envelope (see the status table)"),
  };
}

function operation(entry: RegistryEntry, method: "GET" | "POST", path: string, contract: Contract) {
  const legacy = path !== entry.path;
  return {
    operationId: `${method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+/g, "_")}`,
    summary: entry.summary,
    ...(legacy ? { description: `Legacy path of ${entry.path}: always HTTP 200.` } : {}),
    tags: [legacy ? LEGACY_TAG : (entry.path.split("/")[2] ?? "api")],
    security: security(contract),
    ...requestParts(path, method, contract),
    responses: responses(contract, legacy),
  };
}

/**
 * The OpenAPI 3.1 document of one audience's endpoints, at their /api and legacy paths. Every
 * /api/ path comes first and the legacy copies after them, so viewers (which group operations by
 * tag in order of appearance) list the endpoints before the one group of legacy paths.
 */
export function openApiDocument(registry: RegistryEntry[], audience: Audience) {
  const apiPaths: Record<string, Record<string, unknown>> = {};
  const legacyPaths: Record<string, Record<string, unknown>> = {};
  for (const entry of registry) {
    for (const method of METHODS) {
      const contract = contractOf(entry.module[method]);
      if (!contract || audienceOf(contract) !== audience) continue;
      for (const path of [entry.path, ...legacyPathsOf(entry.path)]) {
        const into = path === entry.path ? apiPaths : legacyPaths;
        into[path] ??= {};
        into[path][method.toLowerCase()] = operation(entry, method, path, contract);
      }
    }
  }
  const paths = { ...apiPaths, ...legacyPaths };
  return {
    openapi: "3.1.0",
    info: {
      title: audience === "public" ? "直租 Zhizu API" : "直租 Zhizu API（运营）",
      version: "1.0.0",
      description:
        audience === "public"
          ? DESCRIPTION
          : `${DESCRIPTION}\n\nOperators' endpoints: admin review, trusted servers (X-Internal-Key), provider callbacks and the sandbox stand-ins.`,
    },
    servers: [{ url: "/" }],
    paths,
    components: components(audience),
  };
}
