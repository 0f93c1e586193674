// Client-side access to our own API: every call returns `ans` or throws an ApiRequestError
// carrying the envelope status, message and offending field (status 2 answers name it).

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

export function parseEnvelope<T>(text: string, httpStatus: number): T {
  let envelope: Envelope<T>;
  try {
    envelope = JSON.parse(text);
  } catch {
    throw new ApiRequestError(-1, `服务器响应异常（HTTP ${httpStatus}）`, null, null);
  }
  if (envelope.status !== 0) throw toError(envelope);
  return envelope.ans;
}

/** GET (or POST with JSON / FormData) to /api/…, with the session cookie. */
export async function api<T>(
  path: string,
  options: { json?: unknown; form?: FormData | Record<string, string | number> } = {},
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
      Object.entries(options.form).map(([key, value]) => [key, String(value)]),
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

/** SWR fetcher: the key is the API path. */
export const fetcher = <T>(path: string) => api<T>(path);

/**
 * Multipart upload with progress (fetch cannot report upload progress): XMLHttpRequest's
 * upload.onprogress drives the progress bars.
 */
export function uploadWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: (fraction: number) => void,
): { promise: Promise<T>; abort: () => void } {
  const request = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    request.open("POST", path);
    request.withCredentials = true;
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      try {
        onProgress(1);
        resolve(parseEnvelope<T>(request.responseText, request.status));
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

/** Field → message, for the error under a form input. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiRequestError && error.field === field ? error.message : undefined;
}
