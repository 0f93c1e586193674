"use client";

import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Notice, TextInput } from "@/components/ui/field";
import { Card, LoadingBlock } from "@/components/ui/page-shell";
import { ApiRequestError, api, errorText } from "@/lib/swr/fetcher";
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
  const [failure, setFailure] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError =
    failure instanceof ApiRequestError && failure.field === "invite_code"
      ? failure.message
      : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await api("/api/invitation/setcode", { form: { invite_code: code.trim() } });
      await onSaved();
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <Field
        label="填写邀请你的好友的邀请码（只能填写一次）"
        htmlFor="invite-code"
        error={fieldError ?? (failure && !fieldError ? errorText(failure) : undefined)}
      >
        <TextInput
          id="invite-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          invalid={Boolean(failure)}
          autoCapitalize="characters"
        />
      </Field>
      <Button type="submit" block busy={busy} disabled={!code.trim()}>
        提交
      </Button>
    </form>
  );
}
