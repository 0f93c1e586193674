import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import Busboy from "busboy";
import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";

/** An uploaded file, streamed to a temporary file under DATA_DIR/tmp; removed after the request. */
export interface UploadedFile {
  field: string;
  /** The client's name, for display only: never used to build a storage key. */
  filename: string;
  path: string;
  size: number;
}

export type FileRules = Record<string, { maxBytes: number; maxCount?: number }>;

export interface ParsedRequest {
  params: Record<string, unknown>;
  files: Record<string, UploadedFile[]>;
  /** Removes the temporary files; called by the route wrapper when the request ends. */
  cleanup: () => Promise<void>;
}

/** JSON and urlencoded bodies, and all multipart text fields together. */
const MAX_TEXT_BODY_BYTES = 1024 * 1024;
/** Multipart text fields per request (the largest endpoint declares about 40). */
const MAX_FIELDS = 200;
/** Room for each part's boundary and headers in a multipart body. */
const PART_OVERHEAD_BYTES = 1024;

function mergeSearchParams(target: Record<string, unknown>, source: URLSearchParams): void {
  // As in the legacy service: values are trimmed and the last of a repeated name wins.
  for (const [key, value] of source) target[key] = value.trim();
}

// Every limit is enforced while the body streams in (a chunked body has no Content-Length to
// check first), and a refused body is not read further: memory stays bounded by the limit.

function maxFiles(rules: FileRules): number {
  return Object.values(rules).reduce((sum, rule) => sum + (rule.maxCount ?? 1), 0);
}

/** The most a body may hold for these file rules: every file at its limit, plus the text. */
export function bodyLimit(rules: FileRules, multipart: boolean): number {
  if (!multipart) return MAX_TEXT_BODY_BYTES;
  const files = Object.values(rules).reduce(
    (sum, rule) => sum + rule.maxBytes * (rule.maxCount ?? 1),
    0,
  );
  return MAX_TEXT_BODY_BYTES + files + (MAX_FIELDS + maxFiles(rules)) * PART_OVERHEAD_BYTES;
}

function refuseDeclaredLength(request: Request, limit: number): void {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > limit) throw ApiError.tooLarge("body", limit);
}

/** The body as a Node stream that fails with status 9 once more than `limit` bytes arrive. */
function limitedBody(request: Request, limit: number): Readable {
  refuseDeclaredLength(request, limit);
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > limit) callback(ApiError.tooLarge("body", limit));
      else callback(null, chunk);
    },
  });
  const source = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream);
  // Errors on either side end both: a refused body stops being read from the client.
  source.on("error", (error) => counter.destroy(error));
  counter.on("error", () => source.destroy());
  return source.pipe(counter);
}

async function readTextBody(request: Request): Promise<string> {
  if (!request.body) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of limitedBody(request, MAX_TEXT_BODY_BYTES)) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

function uploadDir(): string {
  return path.join(env().DATA_DIR, "tmp", "uploads");
}

async function readMultipart(
  request: Request,
  rules: FileRules,
  params: Record<string, unknown>,
  files: Record<string, UploadedFile[]>,
): Promise<void> {
  if (!request.body) return;
  let busboy: Busboy.Busboy;
  try {
    busboy = Busboy({
      headers: { "content-type": request.headers.get("content-type") ?? "" },
      limits: {
        fields: MAX_FIELDS,
        fieldSize: MAX_TEXT_BODY_BYTES,
        files: maxFiles(rules),
        parts: MAX_FIELDS + maxFiles(rules),
        fileSize: Math.max(0, ...Object.values(rules).map((rule) => rule.maxBytes)),
      },
    });
  } catch {
    // busboy throws on a multipart content type without a boundary.
    throw ApiError.badParam("body", "无法解析 multipart 请求体");
  }
  const body = limitedBody(request, bodyLimit(rules, true));
  await fsp.mkdir(uploadDir(), { recursive: true });
  const writes: Promise<void>[] = [];
  let failure: unknown;
  /** Refuses the request: busboy stops parsing, which stops reading the body. */
  const fail = (error: unknown) => {
    failure ??= error;
    busboy.destroy();
  };
  // A part not written anywhere; its stream errors too when parsing stops.
  const skip = (stream: NodeJS.ReadableStream) => {
    stream.on("error", () => {});
    stream.resume();
  };
  let textBytes = 0;

  busboy.on("fieldsLimit", () => fail(ApiError.badParam("body", `最多 ${MAX_FIELDS} 个字段`)));
  busboy.on("partsLimit", () =>
    fail(ApiError.badParam("body", `最多 ${MAX_FIELDS + maxFiles(rules)} 个部分`)),
  );
  busboy.on("filesLimit", () =>
    fail(
      ApiError.badParam(
        "body",
        maxFiles(rules) === 0 ? "此接口不接受文件" : `最多上传 ${maxFiles(rules)} 个文件`,
      ),
    ),
  );
  busboy.on("field", (name, value, info) => {
    textBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
    if (info.nameTruncated || info.valueTruncated) {
      fail(ApiError.tooLarge(name, MAX_TEXT_BODY_BYTES));
    } else if (textBytes > MAX_TEXT_BODY_BYTES) {
      fail(ApiError.tooLarge("body", MAX_TEXT_BODY_BYTES));
    } else {
      params[name] = value.trim();
    }
  });
  busboy.on("file", (field, stream, info) => {
    const rule = rules[field];
    if (failure) {
      skip(stream);
      return;
    }
    if (!rule) {
      // Refused from the part header: an unknown file is never read (a browser's empty file
      // input, with no file name, is skipped if it really is empty).
      if (info.filename) fail(ApiError.badParam(field, "此接口不接受该文件字段"));
      else stream.on("data", () => fail(ApiError.badParam(field, "此接口不接受该文件字段")));
      skip(stream);
      return;
    }
    const list = files[field] ?? [];
    files[field] = list;
    const maxCount = rule.maxCount ?? 1;
    if (list.length >= maxCount) {
      fail(ApiError.badParam(field, `最多上传 ${maxCount} 个文件`));
      skip(stream);
      return;
    }
    const target = path.join(uploadDir(), randomUUID());
    const upload: UploadedFile = { field, filename: info.filename ?? "", path: target, size: 0 };
    list.push(upload);
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        upload.size += chunk.length;
        if (upload.size > rule.maxBytes) callback(ApiError.tooLarge(field, rule.maxBytes));
        else callback(null, chunk);
      },
    });
    // busboy truncates a file at the largest fileSize of all fields: that is too large as well.
    stream.on("limit", () => counter.destroy(ApiError.tooLarge(field, rule.maxBytes)));
    writes.push(pipeline(stream, counter, fs.createWriteStream(target)).catch(fail));
  });

  try {
    await pipeline(body, busboy);
  } catch (error) {
    fail(
      error instanceof ApiError ? error : ApiError.badParam("body", "无法解析 multipart 请求体"),
    );
  }
  await Promise.all(writes);
  if (failure) throw failure;
  for (const [field, list] of Object.entries(files)) {
    const empty = list.filter((file) => file.size === 0);
    if (empty.length > 0) files[field] = list.filter((file) => file.size > 0);
  }
}

/**
 * Reads parameters the way legacy clients send them: query string, then a urlencoded,
 * multipart or JSON body (body values win). Files are accepted only for fields in `rules`.
 */
export async function readRequest(request: Request, rules: FileRules = {}): Promise<ParsedRequest> {
  const params: Record<string, unknown> = {};
  const files: Record<string, UploadedFile[]> = {};
  const cleanup = async () => {
    const paths = Object.values(files).flatMap((list) => list.map((file) => file.path));
    await Promise.all(paths.map((file) => fsp.rm(file, { force: true })));
  };
  mergeSearchParams(params, new URL(request.url).searchParams);
  if (request.method === "GET" || request.method === "HEAD") return { params, files, cleanup };

  const contentType = (request.headers.get("content-type") ?? "").toLowerCase();
  try {
    if (contentType.startsWith("multipart/form-data")) {
      await readMultipart(request, rules, params, files);
    } else if (contentType.startsWith("application/json")) {
      const text = await readTextBody(request);
      if (text.trim()) {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          throw ApiError.badParam("body", "不是合法的 JSON");
        }
        if (typeof body !== "object" || body === null || Array.isArray(body)) {
          throw ApiError.badParam("body", "JSON 请求体必须是对象");
        }
        for (const [key, value] of Object.entries(body)) {
          params[key] = typeof value === "string" ? value.trim() : value;
        }
      }
    } else {
      const text = await readTextBody(request);
      if (text) mergeSearchParams(params, new URLSearchParams(text));
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { params, files, cleanup };
}
