import "client-only";
import type { Endpoints } from "@/lib/api/endpoints.generated";

// Client-side access to our own API: every call returns `ans` or throws an ApiRequestError
// carrying the envelope status, message and offending field (status 2 answers name it). The
// path picks the parameter and answer types from the contract (lib/api/endpoints.generated.ts,
// generated from the endpoints' schemas): types only, no server code reaches the bundle.

export type ApiPath = keyof Endpoints;
export type ParamsOf<P extends ApiPath> = Endpoints[P]["params"];
export type AnswerOf<P extends ApiPath> = Endpoints[P]["answer"];
/** Parameters as a form sends them: each named parameter, as a string or a number. */
export type FormOf<P extends ApiPath> = { [K in keyof ParamsOf<P>]?: string | number };

export class ApiRequestError extends Error {
  constructor(
    /** Envelope status (2 bad param, 4 not logged in, 6 forbidden, 8 conflict…); -1 network. */
    readonly status: number,
    message: string,
    /** The parameter the server blamed, for showing the message next to that input. */
    readonly field: string | null,
    readonly ans: unknown,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

interface Envelope<T> {
  status: number;
  msg: string;
  ans: T;
}

function toError(envelope: Envelope<unknown>): ApiRequestError {
  const ans = envelope.ans as { field?: unknown } | null;
  const field = typeof ans?.field === "string" ? ans.field : null;
  // "<field>: <reason>" – show only the reason next to the field.
  const message =
    field && envelope.msg.startsWith(`${field}: `)
      ? envelope.msg.slice(field.length + 2)
      : envelope.msg;
  return new ApiRequestError(envelope.status, message || "请求失败", field, envelope.ans);
}

function parseEnvelope<T>(text: string, httpStatus: number): T {
  let envelope: Envelope<T>;
  try {
    envelope = JSON.parse(text);
  } catch {
    throw new ApiRequestError(-1, `服务器响应异常（HTTP ${httpStatus}）`, null, null);
  }
  if (envelope.status !== 0) throw toError(envelope);
  return envelope.ans;
}

/** An endpoint's URL with its query parameters: also the SWR key of what it answers. */
export function apiUrl<P extends ApiPath>(path: P, query?: FormOf<P>): string {
  const search = new URLSearchParams(
    Object.entries(query ?? {}).map(([key, value]) => [key, String(value)]),
  ).toString();
  return search ? `${path}?${search}` : path;
}

/** GET (or POST with JSON / FormData) to /api/…, with the session cookie. */
export async function api<P extends ApiPath>(
  path: P,
  options: { json?: Partial<ParamsOf<P>>; form?: FormData | FormOf<P> } = {},
): Promise<AnswerOf<P>> {
  return request<AnswerOf<P>>(path, options);
}

async function request<T>(
  path: string,
  options: { json?: unknown; form?: FormData | Record<string, string | number | undefined> },
): Promise<T> {
  let body: BodyInit | undefined;
  const headers: Record<string, string> = {};
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["content-type"] = "application/json";
  } else if (options.form instanceof FormData) {
    body = options.form;
  } else if (options.form) {
    body = new URLSearchParams(
      Object.entries(options.form).flatMap(([key, value]) =>
        value === undefined ? [] : [[key, String(value)]],
      ),
    );
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: body ? "POST" : "GET",
      headers,
      body,
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    throw new ApiRequestError(-1, "网络连接失败，请检查网络后重试", null, null);
  }
  return parseEnvelope<T>(await response.text(), response.status);
}

/** SWR fetcher: the key is an apiUrl (the hooks in lib/swr/hooks.ts type what it answers). */
export const fetcher = <T>(url: string) => request<T>(url, {});

/**
 * Multipart upload with progress (fetch cannot report upload progress): XMLHttpRequest's
 * upload.onprogress drives the progress bars.
 */
export function uploadWithProgress<P extends ApiPath>(
  path: P,
  form: FormData,
  onProgress: (fraction: number) => void,
): { promise: Promise<AnswerOf<P>>; abort: () => void } {
  const request = new XMLHttpRequest();
  const promise = new Promise<AnswerOf<P>>((resolve, reject) => {
    request.open("POST", path);
    request.withCredentials = true;
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      try {
        onProgress(1);
        resolve(parseEnvelope<AnswerOf<P>>(request.responseText, request.status));
      } catch (error) {
        reject(error);
      }
    };
    request.onerror = () => reject(new ApiRequestError(-1, "网络连接失败，上传未完成", null, null));
    request.onabort = () => reject(new ApiRequestError(-1, "上传已取消", null, null));
    request.send(form);
  });
  return { promise, abort: () => request.abort() };
}

/** The message to show for any thrown value. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : "操作失败，请重试";
}

/**
 * Field → message, for the error under a form input.
 */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiRequestError && error.field === field ? error.message : undefined;
}
