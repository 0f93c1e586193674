// client-safe: the forms of client components keep their text fields with it, so no server imports (scripts/check-layers.ts).
"use client";

import { useState } from "react";

/**
 * A form's text fields as one record: the props binding an input to its field (id
 * `${prefix}-${name}`, marked invalid when the field has an error) and what to send, the
 * trimmed values of the fields filled in (an empty optional field is left out).
 */
export function useTextFields<Name extends string>(
  prefix: string,
  initial: () => Record<Name, string>,
) {
  const [values, setValues] = useState(initial);
  return {
    values,
    setValues,
    bind: (name: Name, error: string | undefined) => ({
      id: `${prefix}-${name}`,
      name,
      value: values[name] ?? "",
      invalid: Boolean(error),
      onChange: (event: { target: { value: string } }) =>
        setValues((current) => ({ ...current, [name]: event.target.value })),
    }),
    filled: (): Record<string, string> =>
      Object.fromEntries(
        Object.entries<string>(values).flatMap(([name, value]) =>
          value.trim() ? [[name, value.trim()]] : [],
        ),
      ),
  };
}
