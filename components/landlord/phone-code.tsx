"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { api, errorText } from "@/lib/swr/fetcher";

/** 获取验证码: sends an SMS code to `tel`, then counts down until another may be sent. */
export function SendCodeButton({ tel, purpose }: { tel: string; purpose: "profile" | "viewing" }) {
  const [wait, setWait] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  async function send() {
    setMessage(null);
    setSending(true);
    try {
      const answer = await api("/api/sms/send_code", {
        form: { tel: tel.trim(), purpose },
      });
      setWait(answer.resend_after);
      setMessage("验证码已发送，5 分钟内有效");
    } catch (error) {
      setMessage(errorText(error));
    } finally {
      setSending(false);
    }
  }

  return (
    <div className="flex items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        onClick={send}
        disabled={sending || wait > 0 || !/^1[3-9]\d{9}$/.test(tel.trim())}
        data-testid="send-code"
      >
        {wait > 0 ? `${wait} 秒后重发` : "获取验证码"}
      </Button>
      {message && (
        <span role="status" className="text-xs text-stone-500">
          {message}
        </span>
      )}
    </div>
  );
}
