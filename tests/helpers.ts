import fs from "node:fs";
import path from "node:path";
import { type NewUser, users } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { issueToken } from "@/lib/auth/tokens";
import { env } from "@/lib/env";

// File factories live in tests/files.ts (shared with e2e, which cannot load the database).
export { jpegBytes, mp4Bytes, patternJpeg, pngBytes } from "./files";

let sequence = 0;

/** Inserts a user and returns it with a fresh API token. */
export async function createUser(values: Partial<NewUser> = {}) {
  // Taken now: the transaction may run after other concurrent calls have counted on.
  const number = ++sequence;
  const user = await writeTransaction((tx) =>
    tx
      .insert(users)
      .values({
        wxOpenid: `test-openid-${process.pid}-${number}-${Date.now()}`,
        wxNickname: `用户${number}`,
        ...values,
      })
      .returning()
      .get(),
  );
  return { user, token: await issueToken(user.id) };
}

export interface TestFile {
  field: string;
  name: string;
  type: string;
  data: Buffer | Uint8Array;
}

export interface CallOptions {
  method?: "GET" | "POST";
  path?: string;
  query?: Record<string, string | number>;
  /** Sent urlencoded, or as multipart when files are given. */
  form?: Record<string, string | number>;
  json?: unknown;
  files?: TestFile[];
  token?: string;
  headers?: Record<string, string>;
  /** Sends the request to the legacy path (the /api path without /api, as next.config rewrites). */
  legacy?: boolean;
}

export function buildRequest(options: CallOptions = {}): Request {
  const apiPath = options.path ?? "/api/test";
  const url = new URL(
    options.legacy ? apiPath.replace(/^\/api\//, "/") : apiPath,
    "http://localhost:3000",
  );
  for (const [key, value] of Object.entries(options.query ?? {}))
    url.searchParams.set(key, String(value));
  const headers = new Headers(options.headers);
  if (options.token) headers.set("token", options.token);
  let body: BodyInit | undefined;
  if (options.files?.length) {
    const form = new FormData();
    for (const [key, value] of Object.entries(options.form ?? {})) form.append(key, String(value));
    for (const file of options.files) {
      form.append(
        file.field,
        new Blob([new Uint8Array(file.data)], { type: file.type }),
        file.name,
      );
    }
    body = form;
  } else if (options.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = new URLSearchParams(Object.entries(options.form).map(([k, v]) => [k, String(v)]));
  }
  return new Request(url, { method: options.method ?? (body ? "POST" : "GET"), headers, body });
}

/** Calls a route handler and returns the HTTP status and the parsed envelope. */
export async function call(
  handler: (request: Request) => Promise<Response>,
  options: CallOptions = {},
) {
  const response = await handler(buildRequest(options));
  const text = await response.text();
  let body: { status: number; msg: string; ans: any };
  try {
    body = JSON.parse(text);
  } catch {
    body = { status: -1, msg: text, ans: null };
  }
  return { http: response.status, body, response };
}

export const htmlBytes = Buffer.from("<html><script>alert(document.cookie)</script></html>");

/** Every file currently held by the local storage driver, for "storage unchanged" checks. */
export function storedFiles(): string[] {
  const root = path.join(env().DATA_DIR, "files");
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((entry) => fs.statSync(path.join(root, entry)).isFile())
    .sort();
}
