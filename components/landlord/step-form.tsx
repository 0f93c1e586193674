"use client";

import { type FormEvent, useState } from "react";
import type { FieldSpec } from "@/components/landlord/house-steps";
import { Button } from "@/components/ui/button";
import { Field, Notice, Select, TextArea, TextInput } from "@/components/ui/field";
import { Card } from "@/components/ui/page-shell";
import { listingFields } from "@/lib/houses/fields";
import { ApiRequestError, api, errorText } from "@/lib/swr/fetcher";
import type { HouseDetail } from "@/lib/swr/hooks";

export type Values = Record<string, string>;

/** The form value of a field as stored on the listing ("" when unset). */
export function initialValue(house: HouseDetail | undefined, field: FieldSpec): string {
  const value = house?.[field.name as keyof HouseDetail];
  if (value == null) return "";
  if (field.kind === "checks")
    return (value as { code: number }[]).map((item) => item.code).join("|");
  if (field.kind === "tags") return (value as string[]).join(" ");
  return String(value);
}

/** What the API expects for a form value (tags are sent "a|b"). */
function apiValue(field: FieldSpec, value: string): string {
  return field.kind === "tags" ? value.trim().split(/\s+/).filter(Boolean).join("|") : value.trim();
}

/** Client-side check with the same zod schema the API uses; returns field → reason. */
export function validate(changes: Record<string, string>): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [name, value] of Object.entries(changes)) {
    const schema = listingFields[name as keyof typeof listingFields];
    const result = schema?.safeParse(value);
    if (result && !result.success) problems[name] = result.error.issues[0]?.message ?? "无效";
  }
  return problems;
}

/**
 * Saves the changed fields: creates the draft when there is no listing yet, otherwise one
 * update_house_info call with all of them. Errors land under the field the API names.
 */
export async function saveListing(
  houseId: number | null,
  changes: Record<string, unknown>,
): Promise<number> {
  if (houseId === null) {
    const created = await api("/api/house_create", {
      json: { ...changes, coord_type: "gcj02" },
    });
    return created.house_id;
  }
  if (Object.keys(changes).length > 0) {
    await api("/api/update_house_info", {
      json: { house_id: houseId, ...changes, coord_type: "gcj02" },
    });
  }
  return houseId;
}

/**
 * Validates and saves changed listing fields, keeping field errors (client- or server-side) and
 * a general failure message for the form to show.
 */
export function useListingSave(houseId: number | null) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(changes: Record<string, string>, onSaved: (houseId: number) => void) {
    setFailure(null);
    const problems = validate(changes);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      onSaved(await saveListing(houseId, changes));
    } catch (error) {
      if (error instanceof ApiRequestError && error.field)
        setErrors({ [error.field]: error.message });
      else setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  return { errors, failure, setFailure, busy, save };
}

export function StepForm({
  houseId,
  house,
  fields,
  submitLabel,
  onSaved,
}: {
  houseId: number | null;
  house: HouseDetail | undefined;
  fields: FieldSpec[];
  submitLabel: string;
  onSaved: (houseId: number) => void;
}) {
  const [initial] = useState<Values>(() =>
    Object.fromEntries(fields.map((f) => [f.name, initialValue(house, f)])),
  );
  const [values, setValues] = useState<Values>(initial);
  const { errors, failure, busy, save } = useListingSave(houseId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const changes: Record<string, string> = {};
    for (const field of fields) {
      if (values[field.name] !== initial[field.name])
        changes[field.name] = apiValue(field, values[field.name] ?? "");
    }
    if (houseId === null)
      for (const name of Object.keys(changes)) if (changes[name] === "") delete changes[name];
    await save(changes, onSaved);
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <Card className="space-y-4">
        {fields.map((field) => (
          <FieldControl
            key={field.name}
            field={field}
            value={values[field.name] ?? ""}
            error={errors[field.name]}
            onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
          />
        ))}
      </Card>
      {failure && <Notice>{failure}</Notice>}
      <Button type="submit" block busy={busy}>
        {submitLabel}
      </Button>
    </form>
  );
}

function FieldControl({
  field,
  value,
  error,
  onChange,
}: {
  field: FieldSpec;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  const id = `house-${field.name}`;
  const label = field.unit ? `${field.label}（${field.unit}）` : field.label;
  if (field.kind === "checks") {
    const chosen = new Set(value ? value.split("|") : []);
    const toggle = (code: string) => {
      const next = new Set(chosen);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      onChange([...next].sort((a, b) => Number(a) - Number(b)).join("|"));
    };
    return (
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-stone-700">{label}</legend>
        <div className="flex flex-wrap gap-2">
          {field.options?.map(([code, text]) => {
            const on = chosen.has(String(code));
            return (
              <label
                key={code}
                className={`inline-flex min-h-11 cursor-pointer items-center rounded-full border px-3 text-sm ${on ? "border-brand bg-brand/10 text-brand" : "border-stone-300 text-stone-600"}`}
              >
                <input
                  type="checkbox"
                  className="sr-only"
                  checked={on}
                  onChange={() => toggle(String(code))}
                />
                {text}
              </label>
            );
          })}
        </div>
        {error && (
          <p role="alert" className="text-xs text-red-600">
            {error}
          </p>
        )}
      </fieldset>
    );
  }
  const common = {
    id,
    name: field.name,
    value,
    invalid: Boolean(error),
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  };
  return (
    <Field label={label} htmlFor={id} error={error} hint={field.hint}>
      {field.kind === "select" ? (
        <Select {...common} options={field.options ?? []} />
      ) : field.kind === "textarea" ? (
        <TextArea {...common} rows={4} />
      ) : (
        <TextInput
          {...common}
          type={field.kind === "date" ? "date" : "text"}
          inputMode={field.kind === "number" ? "numeric" : undefined}
        />
      )}
    </Field>
  );
}
