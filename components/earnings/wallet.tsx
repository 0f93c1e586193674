"use client";

import { type FormEvent, useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, Notice, TextInput } from "@/components/ui/field";
import { Card, LoadingBlock } from "@/components/ui/page-shell";
import type { Tone } from "@/components/ui/status-badge";
import { chinaDateTime } from "@/lib/china-time";
import { useAction } from "@/lib/forms/use-action";
import { centsToYuan } from "@/lib/payments/money";
import { api, errorText, fieldError } from "@/lib/swr/fetcher";
import {
  useWallet,
  useWalletEntries,
  type Wallet as WalletData,
  type WalletEntry,
} from "@/lib/swr/hooks";

export const WITHDRAWAL_STATUS: Record<string, { label: string; tone: Tone }> = {
  awaiting_approval: { label: "待审核", tone: "warning" },
  queued: { label: "排队打款", tone: "info" },
  sending: { label: "打款中", tone: "info" },
  paid: { label: "已到账", tone: "success" },
  failed: { label: "打款失败，已退回", tone: "danger" },
  rejected: { label: "未通过，已退回", tone: "danger" },
};

export const yuan = (cents: number) => `¥${cents < 0 ? "-" : ""}${centsToYuan(Math.abs(cents))}`;

function thisMonth(): string {
  // China time (UTC+8), the statement's calendar.
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
}

export function Wallet() {
  const { data, error, isLoading, mutate } = useWallet();
  if (isLoading) return <LoadingBlock />;
  if (error || !data) return <Notice>{errorText(error)}</Notice>;
  return (
    <div className="space-y-4">
      <Card className="space-y-3">
        <div className="grid grid-cols-3 gap-2 text-center">
          <Balance label="待结算" cents={data.pending_cents} testId="wallet-pending" />
          <Balance label="可提现" cents={data.payable_cents} testId="wallet-payable" />
          <Balance label="已提现" cents={data.paid_cents} testId="wallet-paid" />
        </div>
        {data.reserved_cents > 0 && (
          <p className="text-center text-xs text-stone-500">
            提现处理中：{yuan(data.reserved_cents)}
          </p>
        )}
        {data.owed_back_cents > 0 && (
          <p className="text-center text-xs text-red-600">
            待抵扣：{yuan(data.owed_back_cents)}（退款冲回超出可提现部分，将从之后的收益中扣除）
          </p>
        )}
      </Card>
      <Rules rules={data.rules} />
      <WithdrawCard wallet={data} onChanged={() => mutate()} />
      <Entries />
      <Card className="space-y-2">
        <h2 className="text-sm font-semibold">月度对账单</h2>
        <p className="text-xs text-stone-500">
          下载某月的佣金与提现明细（CSV，可用表格软件打开）。
        </p>
        <StatementLink />
      </Card>
    </div>
  );
}

function Balance({ label, cents, testId }: { label: string; cents: number; testId: string }) {
  return (
    <div>
      <p className="text-xs text-stone-500">{label}</p>
      <p className="text-lg font-semibold" data-testid={testId}>
        {yuan(cents)}
      </p>
    </div>
  );
}

function Rules({ rules }: { rules: WalletData["rules"] }) {
  return (
    <Card className="space-y-1 text-xs text-stone-600">
      <h2 className="text-sm font-semibold text-stone-800">收益规则</h2>
      <p>房东：租客看房完成后，获得该房源看房服务费的 {rules.landlord_share_percent}% 分成。</p>
      <p>
        邀请：好友填写你的邀请码后 {rules.invite_reward_days} 天内支付的看房服务费，看房完成后你获得{" "}
        {rules.invite_reward_percent}% 奖励（好友看的是你自己的房源时除外）。
      </p>
      <p>金额按分向下取整；看房完成前退款的服务费不产生收益，完成后退款的收益将被冲回。</p>
      <p>
        提现需完成实名认证并绑定本人支付宝账号，每次至少 {yuan(rules.min_withdrawal_cents)}，
        同一时间只能有一笔提现。每月累计 {yuan(rules.auto_limit_cents)}{" "}
        以内自动打款，超出部分需人工审核。
      </p>
      <p>平台不代管任何资金：收益是平台应付给你的佣金，从平台自有账户支付。</p>
    </Card>
  );
}

function WithdrawCard({
  wallet,
  onChanged,
}: {
  wallet: WalletData;
  onChanged: () => Promise<unknown>;
}) {
  const [amount, setAmount] = useState("");
  const [done, setDone] = useState(false);
  const open = wallet.open_withdrawal;
  const withdraw = useAction(async () => {
    setDone(false);
    await api("/api/wallet/withdraw", { form: { amount: amount.trim() } });
    setAmount("");
    setDone(true);
    await onChanged();
  });
  const { pending: busy, error: failure } = withdraw;

  function submit(event: FormEvent) {
    event.preventDefault();
    void withdraw.run();
  }

  return (
    <Card className="space-y-3">
      <h2 className="text-sm font-semibold">提现到支付宝</h2>
      {!wallet.account.verified && (
        <Notice tone="info">
          提现前请先完成实名认证。{" "}
          <a className="underline" href="/me/verify/identity">
            去认证
          </a>
        </Notice>
      )}
      {wallet.account.verified && !wallet.account.bound && (
        <Notice tone="info">
          提现前请先绑定本人支付宝账号。{" "}
          <a className="underline" href="/me/profile">
            去绑定
          </a>
        </Notice>
      )}
      {wallet.account.alipay_account_masked && (
        <p className="text-sm" data-testid="wallet-account">
          收款账号：支付宝 {wallet.account.alipay_account_masked}（实名认证本人）
        </p>
      )}
      {open && (
        <Notice tone="info">
          正在处理一笔提现：{yuan(open.amount_cents)} ·{" "}
          {WITHDRAWAL_STATUS[open.status]?.label ?? open.status}
        </Notice>
      )}
      {done && <Notice tone="success">提现申请已提交。</Notice>}
      {failure && !fieldError(failure, "amount") ? <Notice>{errorText(failure)}</Notice> : null}
      <form onSubmit={submit} className="space-y-3" noValidate>
        <Field
          label="提现金额（元）"
          htmlFor="withdraw-amount"
          error={fieldError(failure, "amount")}
          hint={`可提现 ${yuan(wallet.payable_cents)}`}
        >
          <TextInput
            id="withdraw-amount"
            inputMode="decimal"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            placeholder="例如 10.00"
          />
        </Field>
        <Button type="submit" block busy={busy} disabled={!wallet.can_withdraw}>
          申请提现
        </Button>
      </form>
      <ButtonLink href="/wallet/withdrawals" variant="secondary">
        提现记录
      </ButtonLink>
    </Card>
  );
}

function EntryRow({ entry }: { entry: WalletEntry }) {
  return (
    <li className="flex items-start justify-between gap-2 py-2 text-sm">
      <div className="min-w-0">
        <p className="truncate">{entry.kind_label}</p>
        <p className="truncate text-xs text-stone-500">
          {[
            entry.source,
            entry.rate_percent !== null ? `${entry.rate_percent}%` : null,
            chinaDateTime(entry.booked_at),
          ]
            .filter(Boolean)
            .join(" · ")}
        </p>
      </div>
      <div className="shrink-0 text-right">
        <p className={entry.amount_cents >= 0 ? "text-emerald-700" : "text-stone-700"}>
          {entry.amount_cents >= 0 ? "+" : ""}
          {yuan(entry.amount_cents)}
        </p>
        <p className="text-xs text-stone-500">{entry.account_label}</p>
      </div>
    </li>
  );
}

const PAGE = 20;

function Entries() {
  const [shift, setShift] = useState(0);
  const { data, error, isLoading } = useWalletEntries(shift, PAGE);
  return (
    <Card className="space-y-2">
      <h2 className="text-sm font-semibold">收益明细</h2>
      {isLoading && <LoadingBlock />}
      {error && <Notice>{errorText(error)}</Notice>}
      {data && data.entries.length === 0 && <p className="text-sm text-stone-500">还没有收益。</p>}
      {data && (
        <ul className="divide-y divide-stone-100" data-testid="wallet-entries">
          {data.entries.map((entry) => (
            <EntryRow key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
      {data && data.total > PAGE && (
        <div className="flex justify-between">
          <Button
            variant="secondary"
            disabled={shift === 0}
            onClick={() => setShift(Math.max(0, shift - PAGE))}
          >
            上一页
          </Button>
          <Button
            variant="secondary"
            disabled={shift + PAGE >= data.total}
            onClick={() => setShift(shift + PAGE)}
          >
            下一页
          </Button>
        </div>
      )}
    </Card>
  );
}

function StatementLink() {
  const [month, setMonth] = useState(thisMonth);
  return (
    <div className="flex items-end gap-2">
      <Field label="月份" htmlFor="statement-month">
        <TextInput
          id="statement-month"
          type="month"
          value={month}
          onChange={(event) => setMonth(event.target.value)}
        />
      </Field>
      <a
        className="min-h-11 rounded-lg border border-stone-300 px-4 py-2 text-sm"
        href={`/api/wallet/statement?month=${encodeURIComponent(month)}`}
        download
      >
        下载对账单
      </a>
    </div>
  );
}
