"use client";

import { useState } from "react";
import { Field, TextInput } from "@/components/ui/field";
import { useAction } from "@/lib/forms/use-action";

// What every admin queue card shares: a reason typed beside the decision buttons, sent with the
// decision, and the queue reloaded after it.

/** One card's decision: `send` calls the API with the trimmed reason, then the queue reloads. */
export function useDecision<D extends string>(
  send: (decision: D, reason: string) => Promise<unknown>,
  onDecided: () => Promise<unknown>,
) {
  const [reason, setReason] = useState("");
  const action = useAction(async (decision: D) => {
    await send(decision, reason.trim());
    await onDecided();
  });
  return { ...action, reason, setReason, reasonError: action.fieldError("reason") };
}

/** The reason field of a decision; the server's complaint about the reason shows under it. */
export function ReasonField({
  id,
  label,
  decision,
  maxLength,
}: {
  id: string;
  label: string;
  decision: Pick<ReturnType<typeof useDecision>, "reason" | "setReason" | "reasonError">;
  maxLength?: number;
}) {
  return (
    <Field label={label} htmlFor={id} error={decision.reasonError}>
      <TextInput
        id={id}
        value={decision.reason}
        onChange={(event) => decision.setReason(event.target.value)}
        maxLength={maxLength}
        invalid={Boolean(decision.reasonError)}
      />
    </Field>
  );
}
