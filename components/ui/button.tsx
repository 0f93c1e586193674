import Link from "next/link";
import type { ButtonHTMLAttributes, ReactNode } from "react";

type Variant = "primary" | "secondary" | "danger" | "ghost";

const variants: Record<Variant, string> = {
  primary: "bg-brand text-white active:bg-brand-dark disabled:bg-stone-300",
  secondary:
    "border border-stone-300 bg-white text-stone-800 active:bg-stone-100 disabled:text-stone-400",
  danger: "border border-red-200 bg-white text-red-600 active:bg-red-50 disabled:text-stone-400",
  ghost: "text-stone-600 active:bg-stone-100",
};

function buttonClass(variant: Variant = "primary", block = false): string {
  return `inline-flex min-h-11 items-center justify-center gap-1 rounded-lg px-4 text-sm font-medium transition-colors disabled:cursor-not-allowed ${variants[variant]} ${block ? "w-full" : ""}`;
}

export function Button({
  variant = "primary",
  block = false,
  busy = false,
  className = "",
  children,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: Variant;
  block?: boolean;
  /** Disables the button and shows that work is in progress. */
  busy?: boolean;
}) {
  return (
    <button
      type="button"
      {...props}
      disabled={props.disabled || busy}
      aria-busy={busy || undefined}
      className={`${buttonClass(variant, block)} ${className}`}
    >
      {busy && (
        <span className="h-4 w-4 animate-spin rounded-full border-2 border-current border-t-transparent" />
      )}
      {children}
    </button>
  );
}

export function ButtonLink({
  href,
  variant = "primary",
  block = false,
  children,
}: {
  href: string;
  variant?: Variant;
  block?: boolean;
  children: ReactNode;
}) {
  return (
    <Link href={href} className={buttonClass(variant, block)}>
      {children}
    </Link>
  );
}
