import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { type NewUser, users } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { issueToken } from "@/lib/auth/tokens";
import { env } from "@/lib/env";

let sequence = 0;

/** Inserts a user and returns it with a fresh API token. */
export async function createUser(values: Partial<NewUser> = {}) {
  sequence += 1;
  const user = await writeTransaction((tx) =>
    tx
      .insert(users)
      .values({
        wxOpenid: `test-openid-${process.pid}-${sequence}-${Date.now()}`,
        wxNickname: `用户${sequence}`,
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

export async function jpegBytes(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 80 } } })
    .jpeg()
    .withMetadata({ exif: { IFD0: { Make: "TestCam" } } })
    .toBuffer();
}

let patternSeed = 0;

/**
 * A JPEG of large seeded colour blocks, smoothed like a photo: every call (or seed) gives a
 * visibly different picture, so listings of different accounts do not trip the copied-photo
 * rule the way identical solid images do, while a resized copy of one still matches.
 */
export async function patternJpeg(
  seed = ++patternSeed + process.pid * 1000,
  width = 64,
  height = 48,
) {
  let state = seed >>> 0 || 1;
  const [cols, rows] = [12, 9];
  const blocks = Buffer.alloc(cols * rows * 3);
  for (let index = 0; index < blocks.length; index += 1) {
    state = (state * 1664525 + 1013904223) >>> 0;
    blocks[index] = state >>> 24;
  }
  return sharp(blocks, { raw: { width: cols, height: rows, channels: 3 } })
    .resize(width, height, { kernel: "cubic" })
    .jpeg({ quality: 90 })
    .toBuffer();
}

export async function pngBytes(width = 32, height = 32): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 4, background: { r: 10, g: 200, b: 90, alpha: 1 } },
  })
    .png()
    .toBuffer();
}

/** The smallest well-formed MP4 header: an ftyp box (isom), enough for content sniffing. */
export function mp4Bytes(extraBytes = 64): Buffer {
  const ftyp = Buffer.from([
    0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0x00, 0x00, 0x02, 0x00,
    0x69, 0x73, 0x6f, 0x6d, 0x69, 0x73, 0x6f, 0x32,
  ]);
  return Buffer.concat([ftyp, Buffer.alloc(extraBytes)]);
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
