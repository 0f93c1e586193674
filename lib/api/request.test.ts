import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { bodyLimit } from "@/lib/api/request";
import { defineRoute } from "@/lib/api/route";
import { env } from "@/lib/env";
import { call } from "@/tests/helpers";

// A route that echoes what the parameter reader produced.
const echo = defineRoute(
  {
    auth: "none",
    params: z.looseObject({}),
    files: { photo: { maxBytes: 1024 }, docs: { maxBytes: 1024, maxCount: 2 } },
    answer: z.object({
      params: z.record(z.string(), z.unknown()),
      files: z.record(
        z.string(),
        z.array(z.object({ filename: z.string(), size: z.number(), content: z.string() })),
      ),
    }),
  },
  async ({ params, files }) => ({
    params,
    files: Object.fromEntries(
      Object.entries(files).map(([field, list]) => [
        field,
        list.map((file) => ({
          filename: file.filename,
          size: file.size,
          content: fs.readFileSync(file.path, "utf8"),
        })),
      ]),
    ),
  }),
);

function tempFiles(): string[] {
  const dir = path.join(env().DATA_DIR, "tmp");
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((entry) =>
    fs.statSync(path.join(dir, entry)).isFile(),
  );
}

const file = (field: string, text: string, name = "a.txt") => ({
  field,
  name,
  type: "text/plain",
  data: Buffer.from(text),
});

describe("request parameters", () => {
  it("reads the query string, trimmed, with the last repeated value winning", async () => {
    const { body } = await call(echo, { path: "/api/test?a=1&a=2&b=%20padded%20&c=" });
    expect(body.ans.params).toEqual({ a: "2", b: "padded", c: "" });
  });

  it("reads urlencoded bodies, where body values win over the query", async () => {
    const request = new Request("http://localhost/api/test?a=query&q=kept", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "a=body&name=%E7%8E%8B+%F0%9F%90%BC&name=%20last%20",
    });
    const body = await (await echo(request)).json();
    expect(body.ans.params).toEqual({ a: "body", q: "kept", name: "last" });
  });

  it("reads JSON bodies, trimming strings and keeping other JSON values", async () => {
    const { body } = await call(echo, {
      method: "POST",
      query: { q: "1" },
      json: { name: "  王 🐼 ", count: 3, flag: true, list: [1, 2] },
    });
    expect(body.ans.params).toEqual({ q: "1", name: "王 🐼", count: 3, flag: true, list: [1, 2] });
  });

  it("rejects malformed JSON and non-object JSON with status 2", async () => {
    for (const text of ["{not json", "[1,2]", '"text"']) {
      const request = new Request("http://localhost/api/test", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: text,
      });
      const response = await echo(request);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ status: 2, ans: { field: "body" } });
    }
  });

  it("rejects a multipart body without a boundary, or an empty one, with status 2", async () => {
    for (const contentType of ["multipart/form-data", "multipart/form-data; boundary=xyz"]) {
      const response = await echo(
        new Request("http://localhost/api/test", {
          method: "POST",
          headers: { "content-type": contentType },
          body: "garbage",
        }),
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ status: 2, ans: { field: "body" } });
    }
    expect(tempFiles()).toEqual([]);
  });

  it("reads multipart fields and declared files", async () => {
    const form = new FormData();
    form.append("title", " first ");
    form.append("title", " second ");
    form.append("photo", new Blob(["photo-bytes"]), "p.jpg");
    form.append("docs", new Blob(["doc one"]), "1.pdf");
    form.append("docs", new Blob(["doc two"]), "2.pdf");
    const response = await echo(
      new Request("http://localhost/api/test", { method: "POST", body: form }),
    );
    const body = await response.json();
    expect(body.ans.params).toEqual({ title: "second" });
    expect(body.ans.files).toEqual({
      photo: [{ filename: "p.jpg", size: 11, content: "photo-bytes" }],
      docs: [
        { filename: "1.pdf", size: 7, content: "doc one" },
        { filename: "2.pdf", size: 7, content: "doc two" },
      ],
    });
    expect(tempFiles()).toEqual([]);
  });

  it("rejects more files than a field allows with status 2 and leaves no temp file", async () => {
    const { http, body } = await call(echo, {
      form: { a: "1" },
      files: [file("docs", "1"), file("docs", "2"), file("docs", "3")],
    });
    expect(http).toBe(400);
    expect(body).toMatchObject({ status: 2, msg: "docs: 最多上传 2 个文件" });
    expect(tempFiles()).toEqual([]);
  });

  it("answers a too-large file with status 9 / HTTP 413 and leaves no temp file", async () => {
    const { http, body } = await call(echo, {
      form: { a: "1" },
      files: [file("photo", "x".repeat(200_000))],
    });
    expect(http).toBe(413);
    expect(body).toMatchObject({ status: 9, ans: { field: "photo", max_bytes: 1024 } });
    expect(tempFiles()).toEqual([]);
    const legacy = await call(echo, {
      form: { a: "1" },
      files: [file("photo", "x".repeat(1025))],
      legacy: true,
    });
    expect(legacy).toMatchObject({ http: 200, body: { status: 9 } });
    expect(tempFiles()).toEqual([]);
  });

  it("answers a too-large text body with status 9 / HTTP 413", async () => {
    const big = "x".repeat(1024 * 1024 + 1);
    const json = await call(echo, { json: { big } });
    expect(json).toMatchObject({ http: 413, body: { status: 9, ans: { field: "body" } } });
    const form = await call(echo, { form: { big } });
    expect(form).toMatchObject({ http: 413, body: { status: 9 } });
    expect(tempFiles()).toEqual([]);
  });
});

/** A chunked request (no Content-Length) whose body is produced on demand, counting what was read. */
function streamingRequest(contentType: string, chunks: () => Generator<Buffer>) {
  const source = chunks();
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = source.next();
      if (next.done) controller.close();
      else {
        pulled += next.value.length;
        controller.enqueue(next.value);
      }
    },
  });
  const request = new Request("http://localhost/api/test", {
    method: "POST",
    headers: { "content-type": contentType },
    body,
    duplex: "half",
  } as RequestInit);
  return { request, pulled: () => pulled };
}

const MB = 1024 * 1024;
const boundary = "----hostile";
const multipartType = `multipart/form-data; boundary=${boundary}`;
const fieldPart = (name: string, value: string | Buffer) =>
  Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`),
    Buffer.from(value),
    Buffer.from("\r\n"),
  ]);
const filePartHeader = (name: string) =>
  Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="x.bin"\r\n` +
      "Content-Type: application/octet-stream\r\n\r\n",
  );
const closing = Buffer.from(`--${boundary}--\r\n`);

function* repeated(chunk: Buffer, times: number) {
  for (let i = 0; i < times; i += 1) yield chunk;
}

describe("request body limits, enforced while reading", () => {
  it("stops reading a chunked 60 MB urlencoded body at 1 MB with status 9", async () => {
    const { request, pulled } = streamingRequest("application/x-www-form-urlencoded", () =>
      repeated(Buffer.alloc(64 * 1024, "a"), 960),
    );
    const response = await echo(request);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ status: 9, ans: { field: "body" } });
    expect(pulled()).toBeLessThan(2 * MB);
  });

  it("refuses a Content-Length above the limit before reading", async () => {
    const { request, pulled } = streamingRequest("application/json", () =>
      repeated(Buffer.alloc(64 * 1024, " "), 960),
    );
    const declared = new Request(request, {
      headers: { "content-type": "application/json", "content-length": String(60 * MB) },
    });
    const response = await echo(declared);
    expect(response.status).toBe(413);
    expect(pulled()).toBeLessThan(MB);
  });

  it("refuses 200 fields of 1 MB each at the total limit, not after reading them all", async () => {
    const { request, pulled } = streamingRequest(multipartType, function* () {
      for (let i = 0; i < 200; i += 1) yield fieldPart(`f${i}`, Buffer.alloc(MB - 100, "x"));
      yield closing;
    });
    const response = await echo(request);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ status: 9 });
    expect(pulled()).toBeLessThan(5 * MB);
    expect(tempFiles()).toEqual([]);
  });

  it("refuses a single field over 1 MB naming it", async () => {
    const { request } = streamingRequest(multipartType, function* () {
      yield fieldPart("description", Buffer.alloc(MB + 1, "x"));
      yield closing;
    });
    const response = await echo(request);
    expect(await response.json()).toMatchObject({ status: 9, ans: { field: "description" } });
  });

  it("refuses the 201st field instead of dropping it", async () => {
    const { request } = streamingRequest(multipartType, function* () {
      for (let i = 0; i < 200; i += 1) yield fieldPart(`f${i}`, "1");
      yield fieldPart("count", "0");
      yield closing;
    });
    const response = await echo(request);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 2, msg: "body: 最多 200 个字段" });
  });

  it("refuses 5,000 tiny parts", async () => {
    const { request, pulled } = streamingRequest(multipartType, function* () {
      for (let i = 0; i < 5000; i += 1) yield fieldPart(`p${i}`, "");
      yield closing;
    });
    const response = await echo(request);
    expect(response.status).toBe(400);
    expect((await response.json()).status).toBe(2);
    expect(pulled()).toBeLessThan(100 * 1024);
  });

  it("refuses an undeclared file field at its part header without reading the file", async () => {
    const { request, pulled } = streamingRequest(multipartType, function* () {
      yield fieldPart("title", "x");
      yield filePartHeader("intruder");
      yield* repeated(Buffer.alloc(64 * 1024, 1), 960);
      yield closing;
    });
    const response = await echo(request);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      status: 2,
      ans: { field: "intruder" },
      msg: "intruder: 此接口不接受该文件字段",
    });
    expect(pulled()).toBeLessThan(MB);
    expect(tempFiles()).toEqual([]);
  });

  it("refuses any file part on an endpoint that takes no files", async () => {
    const noFiles = defineRoute(
      { auth: "none", params: z.looseObject({}), answer: z.object({}) },
      async () => ({}),
    );
    const { request, pulled } = streamingRequest(multipartType, function* () {
      yield filePartHeader("photo");
      yield* repeated(Buffer.alloc(64 * 1024, 1), 960);
      yield closing;
    });
    const response = await noFiles(request);
    expect(await response.json()).toMatchObject({ status: 2, msg: "body: 此接口不接受文件" });
    expect(pulled()).toBeLessThan(MB);
  });

  it("skips an empty file input a browser sends for a field the endpoint does not take", async () => {
    const form = new FormData();
    form.append("title", "kept");
    form.append("unused", new Blob([]), "");
    const response = await echo(
      new Request("http://localhost/api/test", { method: "POST", body: form }),
    );
    expect(await response.json()).toMatchObject({ status: 0, ans: { params: { title: "kept" } } });
  });

  it("derives the total limit from the declared files and the text allowance", async () => {
    expect(
      bodyLimit({ photo: { maxBytes: 1024 }, docs: { maxBytes: 1024, maxCount: 2 } }, true),
    ).toBe(MB + 3 * 1024 + 203 * 1024);
    expect(bodyLimit({}, false)).toBe(MB);
  });
});
