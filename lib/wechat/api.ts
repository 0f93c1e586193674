import "server-only";
import { env } from "@/lib/env";
import { describeError, log } from "@/lib/log";

const TIMEOUT_MS = 8000;

/** WeChat could not be reached, or answered something that is not a JSON object. */
export class WechatUnreachableError extends Error {}

/**
 * One call to api.weixin.qq.com (`WECHAT_API_BASE`): a GET with `query`, or a JSON POST when
 * `body` is given. WeChat answers JSON with a text/plain content type and reports errors as
 * 200 + errcode, so the parsed object is returned as it is; callers read `errcode`.
 */
export async function callWechatApi(
  path: string,
  { query = {}, body }: { query?: Record<string, string>; body?: unknown } = {},
): Promise<Record<string, unknown>> {
  // Appended rather than resolved, so a base with a path (a mounted stand-in) keeps it.
  const url = new URL(`${env().WECHAT_API_BASE.replace(/\/+$/, "")}${path}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  let parsed: unknown;
  try {
    const response = await fetch(url, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    parsed = JSON.parse(await response.text());
  } catch (error) {
    // Only the path is logged: queries and bodies carry app secrets, codes and tokens.
    log.warn("wechat.request_failed", { path, error: describeError(error).message });
    throw new WechatUnreachableError(path);
  }
  if (typeof parsed !== "object" || parsed === null) throw new WechatUnreachableError(path);
  return parsed as Record<string, unknown>;
}

/** WeChat's errcode, 0 when the answer is not an error. */
export function wechatErrcode(answer: Record<string, unknown>): number {
  return answer.errcode === undefined ? 0 : Number(answer.errcode);
}
