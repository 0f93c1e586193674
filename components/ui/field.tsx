import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";

/** A labelled form row with its error (from the API's `ans.field` or client validation). */
export function Field({
  label,
  htmlFor,
  error,
  hint,
  children,
}: {
  label: string;
  htmlFor?: string;
  error?: string | null;
  hint?: ReactNode;
  children: ReactNode;
}) {
  const errorId = htmlFor ? `${htmlFor}-error` : undefined;
  return (
    <div className="space-y-1" data-field>
      <label htmlFor={htmlFor} className="block text-sm font-medium text-stone-700">
        {label}
      </label>
      {children}
      {hint && !error && <p className="text-xs text-stone-500">{hint}</p>}
      {error && (
        <p id={errorId} role="alert" className="text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

const control =
  "block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-base outline-none focus:border-brand focus:ring-2 focus:ring-brand/50 aria-[invalid=true]:border-red-400";

/** What a control needs to announce its error: `aria-invalid` and the error's id. */
export function invalidProps(id: string | undefined, invalid: boolean | undefined) {
  return {
    "aria-invalid": invalid || undefined,
    "aria-describedby": invalid && id ? `${id}-error` : undefined,
  } as const;
}

export function TextInput({
  invalid,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean }) {
  return (
    <input
      {...props}
      {...invalidProps(props.id, invalid)}
      className={`${control} ${props.className ?? ""}`}
    />
  );
}

export function TextArea({
  invalid,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean }) {
  return (
    <textarea
      rows={3}
      {...props}
      {...invalidProps(props.id, invalid)}
      className={`${control} ${props.className ?? ""}`}
    />
  );
}

export function Select({
  invalid,
  options,
  placeholder = "请选择",
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & {
  invalid?: boolean;
  options: ReadonlyArray<readonly [string | number, string]>;
  placeholder?: string;
}) {
  return (
    <select
      {...props}
      {...invalidProps(props.id, invalid)}
      className={`${control} ${props.className ?? ""}`}
    >
      <option value="">{placeholder}</option>
      {options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </select>
  );
}

/** A notice box for a whole-form error (network, conflict) or a success message. */
export function Notice({
  tone = "error",
  children,
}: {
  tone?: "error" | "info" | "success";
  children: ReactNode;
}) {
  const tones = {
    error: "border-red-200 bg-red-50 text-red-700",
    info: "border-stone-200 bg-stone-100 text-stone-700",
    success: "border-emerald-200 bg-emerald-50 text-emerald-800",
  };
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-lg border px-3 py-2 text-sm ${tones[tone]}`}
    >
      {children}
    </div>
  );
}

/**
 * What went wrong, next to the submit button: the summary of fields in error or the failure
 * (from lib/forms/use-form.ts), so the reason is in view where the landlord tapped.
 */
export function FormSummary({
  form,
}: {
  form: { summary: string | null; failure: string | null };
}) {
  const text = form.failure ?? form.summary;
  if (!text) return null;
  return (
    <div data-testid="form-summary">
      <Notice>{text}</Notice>
    </div>
  );
}
