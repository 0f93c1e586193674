"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice, TextInput } from "@/components/ui/field";
import { useAction } from "@/lib/forms/use-action";
import { api } from "@/lib/swr/fetcher";
import type { MyHouse } from "@/lib/swr/hooks";

// On each of 我的房源: why a listing is held or was decided on (with one appeal), and the
// freshness rule's one tap ("仍在出租").

export function HouseTrustPanel({
  house,
  onChanged,
}: {
  house: MyHouse;
  onChanged: () => Promise<unknown>;
}) {
  const [chosen, setChosen] = useState<string | null>(null);
  const [appealText, setAppealText] = useState("");
  const decision = house.moderation.last_decision;

  const action = useAction(async (name: string, call: () => Promise<unknown>) => {
    setChosen(name);
    await call();
    await onChanged();
  });
  const run = action.run;
  const busy = action.pending ? chosen : null;
  const failure = action.failure;

  const stale = (house.confirmed_days_ago ?? 0) >= 14;
  return (
    <div className="space-y-2" data-testid={`house-trust-${house.id}`}>
      {house.moderation_state_text && (
        <Notice>
          {house.moderation_state_text}
          {house.moderation.open_reasons.map((reason) => (
            <span key={reason} className="block text-xs">
              {reason}
            </span>
          ))}
        </Notice>
      )}
      {decision && (
        <p className="text-xs text-stone-600">
          审核结果：{decision.decision_text}。原因：{decision.reason}
          {decision.appealed ? "（已申诉，等待处理）" : ""}
        </p>
      )}
      {decision?.can_appeal && (
        <div className="flex gap-2">
          <TextInput
            aria-label="申诉理由"
            placeholder="申诉理由（只能申诉一次）"
            value={appealText}
            maxLength={500}
            onChange={(e) => setAppealText(e.target.value)}
          />
          <Button
            variant="secondary"
            busy={busy === "appeal"}
            disabled={!appealText.trim()}
            onClick={() =>
              run("appeal", () =>
                api("/api/moderation/appeal", {
                  form: { house_id: house.id, text: appealText.trim() },
                }),
              )
            }
          >
            申诉
          </Button>
        </div>
      )}
      {house.status === 1 && (
        <div className="flex items-center justify-between gap-2">
          <span className={`text-xs ${stale ? "text-red-600" : "text-stone-500"}`}>
            {house.freshness_text}
            {stale ? "，超过 30 天未确认将自动下架" : ""}
          </span>
          <Button
            variant={stale ? "primary" : "ghost"}
            busy={busy === "confirm"}
            onClick={() =>
              run("confirm", () =>
                api("/api/confirm_house_available", { form: { house_id: house.id } }),
              )
            }
          >
            仍在出租
          </Button>
        </div>
      )}
      {failure && <Notice>{failure}</Notice>}
    </div>
  );
}
