"use client";

import { type ReactNode, useRef } from "react";
import { Button } from "@/components/ui/button";

/** A button that asks before doing something irreversible (native <dialog>, works in WeChat). */
export function ConfirmButton({
  title,
  message,
  confirmLabel = "确定",
  variant = "danger",
  busy,
  onConfirm,
  children,
}: {
  title: string;
  message: ReactNode;
  confirmLabel?: string;
  variant?: "danger" | "primary" | "secondary";
  busy?: boolean;
  onConfirm: () => void;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <Button variant={variant} busy={busy} onClick={() => dialog.current?.showModal()}>
        {children}
      </Button>
      <dialog
        ref={dialog}
        aria-label={title}
        className="m-auto w-[min(22rem,calc(100vw-2rem))] rounded-2xl p-0 backdrop:bg-black/40"
      >
        <div className="space-y-3 p-5">
          <h2 className="text-base font-semibold">{title}</h2>
          <div className="text-sm text-stone-600">{message}</div>
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              取消
            </Button>
            <Button
              variant={variant === "danger" ? "primary" : variant}
              className={variant === "danger" ? "!bg-red-600" : ""}
              onClick={() => {
                dialog.current?.close();
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
