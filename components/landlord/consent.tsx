"use client";

import { type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/page-shell";

export interface ConsentText {
  title: string;
  purpose: string;
  scope: string[];
  retention: string;
}

/**
 * PIPL Art. 29: sensitive personal information (ID cards, portraits, property certificates) needs
 * separate consent. Nothing can be picked or uploaded until the user agrees on this screen.
 */
export function ConsentGate({ text, children }: { text: ConsentText; children: ReactNode }) {
  const [agreed, setAgreed] = useState(false);
  const [checked, setChecked] = useState(false);
  if (agreed) return <>{children}</>;
  return (
    <Card className="space-y-3">
      <h2 className="text-base font-semibold">{text.title}</h2>
      <dl className="space-y-3 text-sm text-stone-700">
        <div>
          <dt className="font-medium text-stone-900">用途</dt>
          <dd>{text.purpose}</dd>
        </div>
        <div>
          <dt className="font-medium text-stone-900">收集范围</dt>
          <dd>
            <ul className="list-disc pl-5">
              {text.scope.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt className="font-medium text-stone-900">保存与保护</dt>
          <dd>{text.retention}</dd>
        </div>
        <div>
          <dt className="font-medium text-stone-900">你的权利</dt>
          <dd>
            你可以拒绝提供，拒绝不影响浏览和找房；你可以随时联系客服查阅、更正或删除这些信息，或撤回同意。
          </dd>
        </div>
      </dl>
      <label className="flex min-h-11 items-start gap-2 py-1 text-sm">
        <input
          type="checkbox"
          className="mt-1 h-4 w-4 accent-[var(--color-brand)]"
          checked={checked}
          onChange={(event) => setChecked(event.target.checked)}
        />
        <span>我已阅读并单独同意上述敏感个人信息处理规则</span>
      </label>
      <Button block disabled={!checked} onClick={() => setAgreed(true)}>
        同意并继续
      </Button>
    </Card>
  );
}

/** How documents are kept; `days` comes from the purge job's setting (server side). */
export function retentionText(days: number): string {
  return `证件号码加密存储、页面只显示打码后的号码；证件照片存放在私有存储中，仅你本人和审核人员可以查看，每次查看都会记录。审核结束 ${days} 天后删除证件照片，之后只保留认证结果。`;
}
