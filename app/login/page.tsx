import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { devSignIn, wechatSignIn } from "@/components/auth/actions";
import { Button } from "@/components/ui/button";
import { Field, Notice, TextInput } from "@/components/ui/field";
import { Card } from "@/components/ui/page-shell";
import { signInMethods } from "@/lib/auth/config";
import { pageUser } from "@/lib/auth/next-auth";
import { env } from "@/lib/env";
import { safeLocalPath } from "@/lib/urls";

export const metadata: Metadata = { title: "登录" };

const errorTexts: Record<string, string> = {
  snapshot: "当前为微信快照页模式，无法获取真实身份。请点击页面下方“使用完整服务”后再登录。",
  dev_name: "请填写 1–20 个字的显示名。",
  AccessDenied: "登录被拒绝，请重试。",
  OAuthCallbackError: "微信授权未完成，请重试。",
  CallbackRouteError: "微信登录失败，请稍后重试。",
  CredentialsSignin: "开发登录失败，请换一个显示名重试。",
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const query = await searchParams;
  const callbackUrl = safeLocalPath(query.callbackUrl, "/me");
  if (await pageUser()) redirect(callbackUrl);
  const methods = signInMethods(env());
  const inWechat = /MicroMessenger/i.test((await headers()).get("user-agent") ?? "");
  // A bad display name is shown under its input; other failures above the form.
  const nameError = query.error === "dev_name" ? errorTexts.dev_name : undefined;
  const error =
    query.error && !nameError ? (errorTexts[query.error] ?? "登录失败，请重试。") : null;
  // Inside WeChat the Official Account login; elsewhere the QR login (a QR code shown inside
  // WeChat cannot be scanned by the same phone).
  const wechatKind = inWechat ? (methods.wechatOa ? "oa" : null) : methods.wechatQr ? "qr" : null;

  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-6 px-5 py-10">
      <div className="text-center">
        <h1 className="text-3xl font-bold text-brand">直租</h1>
        <p className="mt-2 text-sm text-stone-600">房东直租 · 免中介费</p>
      </div>
      {error && <Notice>{error}</Notice>}
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">登录</h2>
        {wechatKind && (
          <form action={wechatSignIn}>
            <input type="hidden" name="kind" value={wechatKind} />
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <Button type="submit" block className="!bg-wechat">
              {wechatKind === "oa" ? "微信一键登录" : "微信扫码登录"}
            </Button>
          </form>
        )}
        {!wechatKind && methods.wechatOa && !inWechat && (
          <Notice tone="info">请在微信中打开本页面，使用微信登录。</Notice>
        )}
        {!wechatKind && !methods.wechatOa && !methods.dev && (
          <Notice>暂未开放登录，请稍后再试。</Notice>
        )}
        {methods.dev && (
          <form
            action={devSignIn}
            className="space-y-3 rounded-xl border-2 border-dashed border-amber-400 bg-amber-50 p-3"
          >
            <p className="text-sm font-semibold text-amber-900">开发登录 · 仅沙箱</p>
            <p className="text-xs text-amber-800">
              输入任意显示名即可登录同名测试账号。正式环境不提供此入口。
            </p>
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <Field label="显示名" htmlFor="dev-name" error={nameError}>
              <TextInput
                id="dev-name"
                name="name"
                invalid={Boolean(nameError)}
                required
                maxLength={20}
                placeholder="例如：房东小王"
              />
            </Field>
            <Button type="submit" variant="secondary" block>
              开发登录
            </Button>
          </form>
        )}
      </Card>
      <Link href="/" className="flex min-h-11 items-center justify-center text-sm text-brand">
        先去看看房源 ›
      </Link>
      <p className="text-center text-xs text-stone-500">
        登录即表示同意《用户协议》和《隐私政策》。我们只在提供服务所必需的范围内处理你的个人信息。
      </p>
    </main>
  );
}
