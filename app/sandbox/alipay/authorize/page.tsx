import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { authorizeProblem, readAuthorizeRequest } from "@/lib/alipay/sandbox/authorize";
import { isSandbox } from "@/lib/env";

export const metadata: Metadata = { title: "支付宝沙箱授权", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const SCOPE_TEXT: Record<string, string> = {
  auth_base: "获取你的支付宝用户标识",
  auth_user: "获取你的支付宝账户信息（用户标识、昵称）",
  auth_zhima: "查询你的芝麻信用分",
};

// The sandbox stand-in for openauth.alipay.com's publicAppAuthorize page. Plain form, no JavaScript.
export default async function SandboxAuthorizePage({ searchParams }: Props) {
  if (!isSandbox()) notFound();
  const request = readAuthorizeRequest(await searchParams);
  const problem = authorizeProblem(request);

  return (
    <main className="mx-auto max-w-md p-4">
      <p className="rounded bg-sky-100 px-3 py-1 text-center text-xs font-medium text-sky-900">
        支付宝沙箱 · 模拟授权页，不涉及真实账户
      </p>
      <section className="mt-4 rounded-lg bg-white p-5 shadow-sm">
        {problem ? (
          <>
            <h1 className="font-semibold">授权请求无效</h1>
            <p className="mt-2 text-sm text-red-700">{problem}</p>
          </>
        ) : (
          <>
            <h1 className="font-semibold">「直租」申请以下权限</h1>
            <p className="mt-1 font-mono text-xs text-stone-500">AppID {request.appId}</p>
            <ul className="mt-4 list-disc space-y-1 pl-5 text-sm text-stone-700">
              {request.scope.split(",").map((scope) => (
                <li key={scope}>{SCOPE_TEXT[scope] ?? scope}</li>
              ))}
            </ul>
            <form action="/api/sandbox/alipay/authorize" method="post" className="mt-6 space-y-3">
              <input type="hidden" name="app_id" value={request.appId} />
              <input type="hidden" name="scope" value={request.scope} />
              <input type="hidden" name="redirect_uri" value={request.redirectUri} />
              <input type="hidden" name="state" value={request.state} />
              <label className="block text-sm">
                沙箱支付宝账号
                <input
                  name="logon_id"
                  defaultValue="user@sandbox.alipay"
                  className="mt-1 w-full rounded border border-stone-300 px-3 py-2"
                />
              </label>
              <button
                type="submit"
                name="action"
                value="approve"
                className="w-full rounded bg-sky-700 py-3 font-medium text-white"
              >
                同意授权
              </button>
              <button
                type="submit"
                name="action"
                value="deny"
                className="w-full rounded border border-stone-300 py-3 text-stone-700"
              >
                拒绝
              </button>
            </form>
          </>
        )}
      </section>
    </main>
  );
}
