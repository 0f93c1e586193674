"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormSummary, Notice, TextInput } from "@/components/ui/field";
import { Card, LoadingBlock } from "@/components/ui/page-shell";
import { type FieldErrors, useForm } from "@/lib/forms/use-form";
import { api, errorText } from "@/lib/swr/fetcher";
import { useInvitation } from "@/lib/swr/hooks";

export function Invite() {
  const { data, error, isLoading, mutate } = useInvitation();
  const [copied, setCopied] = useState(false);
  if (isLoading) return <LoadingBlock />;
  if (error || !data) return <Notice>{errorText(error)}</Notice>;

  async function copy(code: string) {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      // Older WeChat web views refuse clipboard access: let the user long-press instead.
      setCopied(false);
      window.prompt("长按复制邀请码", code);
    }
  }

  return (
    <div className="space-y-4">
      <Card className="space-y-3 text-center">
        <p className="text-sm text-stone-600">我的邀请码</p>
        <p
          className="select-all font-mono text-3xl font-bold tracking-widest"
          data-testid="my-invite-code"
        >
          {data.my_invite_code}
        </p>
        <Button variant="secondary" onClick={() => copy(data.my_invite_code)}>
          {copied ? "已复制" : "复制邀请码"}
        </Button>
        <p className="text-xs text-stone-500">好友登录后在“邀请好友”页填写你的邀请码即可。</p>
      </Card>
      <Card className="space-y-3">
        <h2 className="text-sm font-semibold">好友的邀请码</h2>
        {typeof data.friend_invite_code === "string" && data.friend_invite_code ? (
          <p className="text-sm">
            已填写：<span className="font-mono">{data.friend_invite_code}</span>
          </p>
        ) : (
          <FriendCodeForm onSaved={() => mutate()} />
        )}
      </Card>
    </div>
  );
}

function FriendCodeForm({ onSaved }: { onSaved: () => Promise<unknown> }) {
  const [code, setCode] = useState("");
  const form = useForm({
    validate: (): FieldErrors => (code.trim() ? {} : { invite_code: "请填写邀请码" }),
    submit: async () => {
      await api("/api/invitation/setcode", { form: { invite_code: code.trim() } });
      await onSaved();
    },
  });

  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} className="space-y-3" noValidate>
      <Field
        label="填写邀请你的好友的邀请码（只能填写一次）"
        htmlFor="invite-code"
        error={form.error("invite_code")}
      >
        <TextInput
          id="invite-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          invalid={Boolean(form.error("invite_code"))}
          autoCapitalize="characters"
        />
      </Field>
      <FormSummary form={form} />
      <Button type="submit" block busy={form.pending}>
        提交
      </Button>
    </form>
  );
}
