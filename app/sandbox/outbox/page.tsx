import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { chinaDateTime } from "@/lib/china-time";
import { isSandbox } from "@/lib/env";
import { latestOutboxMessages } from "@/lib/outbox/sandbox-outbox";

export const metadata: Metadata = { title: "沙箱发件箱", robots: { index: false } };
export const dynamic = "force-dynamic";

const CHANNEL_LABEL = { wechat_template: "公众号模板消息", sms: "短信" } as const;

// Every message sandbox mode did not send (template messages, SMS codes), newest first.
export default async function SandboxOutboxPage() {
  if (!isSandbox()) notFound();
  const messages = await latestOutboxMessages(100);
  return (
    <main className="mx-auto max-w-xl space-y-3 p-4">
      <p className="rounded bg-sky-100 px-3 py-1 text-center text-xs font-medium text-sky-900">
        沙箱发件箱 · 以下消息在正式环境会被发送，这里只做记录（最近 100 条）
      </p>
      {messages.length === 0 && <p className="py-8 text-center text-sm text-stone-500">暂无消息</p>}
      <ul className="space-y-2">
        {messages.map((message) => (
          <li
            key={message.id}
            className="rounded-lg bg-white p-3 text-sm shadow-sm"
            data-testid="outbox-message"
          >
            <p className="flex justify-between text-xs text-stone-500">
              <span>
                {CHANNEL_LABEL[message.channel]} · {message.kind} · {message.recipient}
              </span>
              <span>{chinaDateTime(message.createdAt)}</span>
            </p>
            <p className="mt-1 break-all font-mono">{message.body}</p>
            {message.link && <p className="mt-1 break-all text-xs text-sky-700">{message.link}</p>}
          </li>
        ))}
      </ul>
    </main>
  );
}
