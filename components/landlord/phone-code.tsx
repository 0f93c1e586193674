"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { useAction } from "@/lib/forms/use-action";
import { isMobile, normalizeMobile } from "@/lib/phone/number";
import { api } from "@/lib/swr/fetcher";

/** 获取验证码: sends an SMS code to `tel`, then counts down until another may be sent. */
export function SendCodeButton({ tel, purpose }: { tel: string; purpose: "profile" | "viewing" }) {
  const [wait, setWait] = useState(0);
  const [sent, setSent] = useState(false);
  const sending = useAction(async () => {
    setSent(false);
    const answer = await api("/api/sms/send_code", {
      form: { tel: normalizeMobile(tel), purpose },
    });
    setWait(answer.resend_after);
    setSent(true);
  });
  const message = sending.failure ?? (sent ? "验证码已发送，5 分钟内有效" : null);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  return (
    <div className="flex items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        onClick={() => sending.run()}
        busy={sending.pending}
        disabled={wait > 0 || !isMobile(tel)}
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
