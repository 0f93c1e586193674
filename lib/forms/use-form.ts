// client-safe: client components use it; no server imports, so no server imports (scripts/check-layers.ts).
"use client";

import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { ApiRequestError, errorText } from "@/lib/swr/fetcher";

/** Field name → the reason shown under that field. */
export type FieldErrors = Record<string, string>;

export interface FormOptions {
  /**
   * Browser-side checks from the same rules the server uses (see lib/forms/check.ts), run before
   * anything is sent, so a typo never costs an upload.
   */
  validate?: () => FieldErrors;
  /** Sends the form; an ApiRequestError naming a field lands under that field. */
  submit: () => Promise<unknown>;
}

/**
 * The one client form layer: submit with pending state, field errors from validation or the API,
 * and on failure the page scrolls to and focuses the first field in error while a summary by the
 * button says what went wrong. Fields mark themselves with `aria-invalid` (components/ui/field.tsx
 * does that from `error`), which is how the first one in document order is found.
 */
export function useForm({ validate, submit }: FormOptions) {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef({ validate, submit });
  latest.current = { validate, submit };

  // After a failed attempt has rendered its errors: reveal the first field in error.
  useEffect(() => {
    if (attempt === 0) return;
    const form = formRef.current;
    const names = Object.keys(errors);
    if (!form || names.length === 0) {
      setSummary(null);
      return;
    }
    const invalid = [...form.querySelectorAll<HTMLElement>('[aria-invalid="true"]')];
    setSummary(summaryText(form, invalid, errors));
    const first = invalid[0];
    if (!first) return;
    (first.closest<HTMLElement>("[data-field]") ?? first).scrollIntoView({
      block: "center",
      behavior: "instant" as ScrollBehavior,
    });
    first.focus({ preventScroll: true });
  }, [attempt, errors]);

  const fail = useCallback((next: FieldErrors, message: string | null) => {
    setErrors(next);
    setFailure(message);
    setAttempt((count) => count + 1);
  }, []);

  const run = useCallback(async (): Promise<boolean> => {
    const problems = latest.current.validate?.() ?? {};
    if (Object.keys(problems).length > 0) {
      fail(problems, null);
      return false;
    }
    setErrors({});
    setFailure(null);
    setSummary(null);
    setPending(true);
    try {
      await latest.current.submit();
      return true;
    } catch (error) {
      if (error instanceof ApiRequestError && error.field)
        fail({ [error.field]: error.message }, null);
      else fail({}, errorText(error));
      return false;
    } finally {
      setPending(false);
    }
  }, [fail]);

  const onSubmit = useCallback(
    (event: FormEvent) => {
      event.preventDefault();
      void run();
    },
    [run],
  );

  return {
    formRef,
    onSubmit,
    run,
    pending,
    errors,
    /** Message for a failure that is not about one field (network, conflict…). */
    failure,
    /** What the summary at the submit button says about the fields in error. */
    summary,
    /** Shows a whole-form message (e.g. the browser refused geolocation). */
    setFailure,
    error: (name: string): string | undefined => errors[name],
  };
}

/** "请修改 2 处：手机号（应为 11 位中国大陆手机号）；QQ（…）" from the labels in the form. */
function summaryText(form: HTMLFormElement, invalid: HTMLElement[], errors: FieldErrors): string {
  const described = new Set<string>();
  const parts: string[] = [];
  for (const element of invalid) {
    const errorId = element.getAttribute("aria-describedby")?.split(" ").find(Boolean);
    const message = errorId ? form.ownerDocument.getElementById(errorId)?.textContent : null;
    const label = labelOf(element);
    if (errorId) described.add(errorId);
    parts.push(label ? `${label}（${message ?? "有误"}）` : (message ?? "有误"));
  }
  // Errors for fields the form does not show (a server-side rule about a hidden field).
  for (const [name, message] of Object.entries(errors)) {
    if (![...described].some((id) => id.endsWith(`-${name}-error`))) parts.push(message);
  }
  return `请修改 ${Math.max(parts.length, 1)} 处：${parts.join("；")}`;
}

function labelOf(element: HTMLElement): string | null {
  const labelled = (element as HTMLInputElement).labels?.[0]?.textContent;
  const text =
    element.getAttribute("aria-label") ??
    labelled ??
    element.closest("fieldset")?.querySelector("legend")?.textContent ??
    null;
  return text?.replace(/\s*\*\s*$/, "").trim() || null;
}
