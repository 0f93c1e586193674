import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { WechatProfile } from "@/lib/wechat/oauth";

// A local stand-in for api.weixin.qq.com's web-authorisation endpoints, for tests only:
// point WECHAT_API_BASE at `url`, then register what each code should yield.

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

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://stub");
    requests.push(url.pathname);
    // WeChat really does answer JSON as text/plain.
    const reply = (body: unknown) => {
      response.writeHead(200, { "content-type": "text/plain" });
      response.end(JSON.stringify(body));
    };
    // Matched by suffix, so the stub also stands in for a base URL with a path.
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
    /** Registers a one-time code and returns it. */
    code(grant: StubGrant): string {
      const code = `code-${randomBytes(6).toString("hex")}`;
      grants.set(code, grant);
      return code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
