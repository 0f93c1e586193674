"use client";

import { useState } from "react";
import { OpenInBrowserGuide } from "@/components/viewing/open-in-browser-guide";
import { chinaDate } from "@/lib/china-time";
import { useAction } from "@/lib/forms/use-action";
import { api, errorText } from "@/lib/swr/fetcher";
import { useAlipayBinding, useZhima } from "@/lib/swr/hooks";
import { isWechatBrowser } from "@/lib/wechat/user-agent";

const BIND_FAILURES: Record<string, string> = {
  denied: "你取消了支付宝授权",
  oauth: "支付宝授权没有成功，请稍后重试",
  state_expired: "授权链接已过期，请重新绑定",
  state_used: "授权链接已使用过，请重新绑定",
  state_invalid: "授权链接无效，请重新绑定",
  state_missing: "授权链接无效，请重新绑定",
};

/** 支付宝绑定 and 芝麻分: bind through Alipay's authorize page, then read and refresh the score. */
export function AlipayAccount({
  inWechat: inWechatOnServer,
  bindResult,
  bindReason,
}: {
  inWechat: boolean;
  bindResult: "ok" | "failed" | null;
  bindReason: string | null;
}) {
  const binding = useAlipayBinding();
  const zhima = useZhima();
  const [authUrl, setAuthUrl] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const bound = binding.data === 1;

  const binder = useAction(async () => {
    const { auth_url: url } = await api("/api/payment/ali/get_auth_url", { form: {} });
    if (inWechatOnServer || isWechatBrowser(navigator.userAgent)) {
      setAuthUrl(url);
    } else {
      // Stays busy while the browser leaves for Alipay.
      setLeaving(true);
      window.location.assign(url);
    }
  });
  const refresher = useAction(async () => {
    await api("/api/payment/ali/zhima", { form: { refresh: "Y" } });
    await zhima.mutate();
  });
  const bind = () => binder.run();
  const refresh = () => refresher.run();
  const busy = binder.pending || leaving ? "bind" : refresher.pending ? "refresh" : null;
  const message = binder.failure ?? refresher.failure;

  const loadError = binding.error ?? zhima.error;
  return (
    <div className="space-y-4">
      {bindResult === "ok" && (
        <p role="status" className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-800">
          支付宝绑定成功
        </p>
      )}
      {bindResult === "failed" && (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-700">
          绑定失败：{BIND_FAILURES[bindReason ?? ""] ?? "请稍后重试"}
        </p>
      )}
      {loadError && (
        <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-700">
          {errorText(loadError)}
        </p>
      )}

      <section className="rounded-lg bg-white p-4 shadow-sm">
        <div className="flex items-center justify-between">
          <h2 className="font-medium">支付宝账号</h2>
          <span
            className={`rounded-full px-2 py-0.5 text-xs ${bound ? "bg-emerald-100 text-emerald-800" : "bg-stone-100 text-stone-600"}`}
          >
            {binding.data === undefined ? "查询中…" : bound ? "已绑定" : "未绑定"}
          </span>
        </div>
        <p className="mt-2 text-sm text-stone-600">
          绑定后可以查看芝麻信用分，向房东展示你的信用。我们只保存支付宝授权凭证，不会获取你的支付密码。
        </p>
        <button
          type="button"
          onClick={bind}
          disabled={busy !== null}
          className="mt-3 rounded-full bg-sky-700 px-4 py-2 text-sm font-medium text-white disabled:opacity-60"
        >
          {busy === "bind" ? "正在跳转…" : bound ? "重新绑定支付宝" : "绑定支付宝"}
        </button>
      </section>

      {authUrl && <OpenInBrowserGuide url={authUrl} purpose="完成支付宝授权" />}

      <section className="rounded-lg bg-white p-4 shadow-sm">
        <h2 className="font-medium">芝麻信用分</h2>
        {zhima.data?.score ? (
          <p className="mt-2">
            <span className="text-3xl font-semibold text-sky-700" data-testid="zhima-score">
              {zhima.data.score}
            </span>
            {zhima.data.updated_at && (
              <span className="ml-2 text-sm text-stone-500">
                更新于 {chinaDate(zhima.data.updated_at)}
              </span>
            )}
          </p>
        ) : (
          <p className="mt-2 text-sm text-stone-500">
            {bound ? "还没有获取芝麻分" : "绑定支付宝后可获取芝麻分"}
          </p>
        )}
        <button
          type="button"
          onClick={refresh}
          disabled={!bound || busy !== null}
          className="mt-3 rounded-full border border-sky-600 px-4 py-2 text-sm font-medium text-sky-700 disabled:opacity-50"
        >
          {busy === "refresh" ? "获取中…" : "刷新芝麻分"}
        </button>
      </section>

      {message && (
        <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-700">
          {message}
        </p>
      )}
    </div>
  );
}
