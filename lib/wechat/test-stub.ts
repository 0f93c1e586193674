import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { WechatProfile } from "@/lib/wechat/oauth";

// A local stand-in for api.weixin.qq.com's web-authorisation and platform-token endpoints, for
// tests only: point WECHAT_API_BASE at `url`, then register what each code should yield.

export interface StubGrant {
  profile: WechatProfile;
  scope?: "snsapi_userinfo" | "snsapi_base";
  /** errcode answered by sns/oauth2/access_token for this code. */
  errcode?: number;
  /** Drop the connection instead of answering, like a network failure. */
  hangUp?: boolean;
}

export const STUB_APP_ID = "wx-stub-app";
export const STUB_APP_SECRET = "wx-stub-secret";

export async function startWechatStub() {
  const grants = new Map<string, StubGrant>();
  const tokens = new Map<string, StubGrant>();
  const usedCodes = new Set<string>();
  const requests: string[] = [];
  /** Platform tokens: each fetch answers a new value; queued errcodes are answered first. */
  const platform = {
    delayMs: 0,
    errcodes: [] as number[],
    tickets: new Map<string, string>(),
    accessTokens: new Set<string>(),
  };

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://stub");
    requests.push(url.pathname);
    // WeChat really does answer JSON as text/plain.
    const reply = (body: unknown) => {
      response.writeHead(200, { "content-type": "text/plain" });
      response.end(JSON.stringify(body));
    };
    // Matched by suffix, so the stub also stands in for a base URL with a path.
    if (url.pathname.endsWith("/cgi-bin/stable_token") && request.method === "POST") {
      let raw = "";
      request.on("data", (chunk) => {
        raw += chunk;
      });
      request.on("end", () => {
        const body = JSON.parse(raw || "{}") as Record<string, unknown>;
        setTimeout(() => {
          const errcode = platform.errcodes.shift();
          if (errcode) return reply({ errcode, errmsg: "stub error" });
          if (
            body.grant_type !== "client_credential" ||
            body.appid !== STUB_APP_ID ||
            body.secret !== STUB_APP_SECRET ||
            body.force_refresh !== false
          ) {
            return reply({ errcode: 40125, errmsg: "invalid appsecret" });
          }
          const token = `stub-access-${randomBytes(8).toString("hex")}`;
          platform.accessTokens.add(token);
          reply({ access_token: token, expires_in: 7200 });
        }, platform.delayMs);
      });
      return;
    }
    if (url.pathname.endsWith("/cgi-bin/ticket/getticket")) {
      const token = url.searchParams.get("access_token") ?? "";
      if (!platform.accessTokens.has(token) || url.searchParams.get("type") !== "jsapi") {
        return reply({ errcode: 40001, errmsg: "invalid credential" });
      }
      const ticket = `stub-ticket-${randomBytes(8).toString("hex")}`;
      platform.tickets.set(ticket, token);
      return reply({ errcode: 0, errmsg: "ok", ticket, expires_in: 7200 });
    }
    if (url.pathname.endsWith("/sns/oauth2/access_token")) {
      const code = url.searchParams.get("code") ?? "";
      const grant = grants.get(code);
      if (
        url.searchParams.get("appid") !== STUB_APP_ID ||
        url.searchParams.get("secret") !== STUB_APP_SECRET
      ) {
        return reply({ errcode: 40125, errmsg: "invalid appsecret" });
      }
      if (!grant || usedCodes.has(code)) return reply({ errcode: 40163, errmsg: "code been used" });
      usedCodes.add(code);
      if (grant.hangUp) return request.socket.destroy();
      if (grant.errcode) return reply({ errcode: grant.errcode, errmsg: "stub error" });
      const accessToken = randomBytes(16).toString("hex");
      tokens.set(accessToken, grant);
      const scope = grant.scope ?? "snsapi_userinfo";
      return reply({
        access_token: accessToken,
        expires_in: 7200,
        refresh_token: "stub-refresh",
        openid: grant.profile.openid,
        scope,
        ...(grant.profile.is_snapshotuser ? { is_snapshotuser: 1 } : {}),
        ...(scope === "snsapi_userinfo" && grant.profile.unionid
          ? { unionid: grant.profile.unionid }
          : {}),
      });
    }
    if (url.pathname.endsWith("/sns/userinfo")) {
      const grant = tokens.get(url.searchParams.get("access_token") ?? "");
      if (!grant || url.searchParams.get("openid") !== grant.profile.openid) {
        return reply({ errcode: 40001, errmsg: "invalid credential" });
      }
      if (grant.scope === "snsapi_base")
        return reply({ errcode: 48001, errmsg: "api unauthorized" });
      return reply({ privilege: [], ...grant.profile });
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    platform,
    /** Registers a one-time code and returns it. */
    code(grant: StubGrant): string {
      const code = `code-${randomBytes(6).toString("hex")}`;
      grants.set(code, grant);
      return code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
