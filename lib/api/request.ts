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

const MAX_TEXT_BODY_BYTES = 1024 * 1024;
const MAX_FIELDS = 200;

function mergeSearchParams(target: Record<string, unknown>, source: URLSearchParams): void {
  // As in the legacy service: values are trimmed and the last of a repeated name wins.
  for (const [key, value] of source) target[key] = value.trim();
}

async function readTextBody(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_TEXT_BODY_BYTES) throw ApiError.tooLarge("body", MAX_TEXT_BODY_BYTES);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_TEXT_BODY_BYTES)
    throw ApiError.tooLarge("body", MAX_TEXT_BODY_BYTES);
  return text;
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
      limits: { fields: MAX_FIELDS, fieldSize: MAX_TEXT_BODY_BYTES },
    });
  } catch {
    // busboy throws on a multipart content type without a boundary.
    throw ApiError.badParam("body", "无法解析 multipart 请求体");
  }
  await fsp.mkdir(uploadDir(), { recursive: true });
  const writes: Promise<void>[] = [];
  let failure: unknown;
  const fail = (error: unknown) => {
    failure ??= error;
  };

  busboy.on("field", (name, value) => {
    params[name] = value.trim();
  });
  busboy.on("file", (field, stream, info) => {
    const rule = rules[field];
    if (!rule || failure) {
      stream.resume();
      return;
    }
    const list = files[field] ?? [];
    files[field] = list;
    const maxCount = rule.maxCount ?? 1;
    if (list.length >= maxCount) {
      fail(ApiError.badParam(field, `最多上传 ${maxCount} 个文件`));
      stream.resume();
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
    writes.push(
      pipeline(stream, counter, fs.createWriteStream(target)).catch((error) => {
        fail(error);
        // The pipeline destroyed busboy's file stream, so busboy would wait on it forever:
        // stop parsing, which also stops reading the rest of the upload.
        busboy.destroy(error);
      }),
    );
  });

  try {
    await pipeline(
      Readable.fromWeb(request.body as import("node:stream/web").ReadableStream),
      busboy,
    );
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
