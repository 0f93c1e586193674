"use client";

import { useState } from "react";
import type { FieldSpec } from "@/components/landlord/house-steps";
import { Button } from "@/components/ui/button";
import {
  Field,
  FormSummary,
  invalidProps,
  Select,
  TextArea,
  TextInput,
} from "@/components/ui/field";
import { Card } from "@/components/ui/page-shell";
import { fieldProblems } from "@/lib/forms/check";
import { type FieldErrors, useForm } from "@/lib/forms/use-form";
import { listingFields } from "@/lib/houses/fields";
import {
  customFeatures,
  FEATURES,
  featureProblem,
  MAX_CUSTOM_FEATURES,
  splitTags,
} from "@/lib/houses/vocabulary";
import { api } from "@/lib/swr/fetcher";
import type { HouseDetail } from "@/lib/swr/hooks";

export type Values = Record<string, string>;

/** The form value of a field as stored on the listing ("" when unset). */
function initialValue(house: HouseDetail | undefined, field: FieldSpec): string {
  const value = house?.[field.name as keyof HouseDetail];
  if (value == null) return "";
  if (field.kind === "checks")
    return (value as { code: number }[]).map((item) => item.code).join("|");
  if (field.kind === "tags") return (value as string[]).join("|");
  return String(value);
}

/** What the API expects for a form value (tags are sent "a|b"). */
function apiValue(field: FieldSpec, value: string): string {
  return field.kind === "tags" ? splitTags(value).join("|") : value.trim();
}

/**
 * Saves the changed fields: creates the draft when there is no listing yet, otherwise one
 * update_house_info call with all of them.
 */
async function saveListing(
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
 * The one form hook of the editor steps: checks the changed fields with the API's listing
 * schema, then saves them; errors (client- or server-side) land under their field, in view.
 */
export function useListingForm(
  houseId: number | null,
  changes: () => Record<string, string>,
  onSaved: (houseId: number) => void,
  validate?: () => FieldErrors,
) {
  return useForm({
    validate: () => ({ ...fieldProblems(listingFields, changes()), ...validate?.() }),
    submit: async () => onSaved(await saveListing(houseId, changes())),
  });
}

/** The editor's own rule for feature tags (at most a few outside the shared vocabulary). */
function customTagProblem(fields: FieldSpec[], values: Values): FieldErrors {
  const problems: FieldErrors = {};
  for (const field of fields) {
    if (field.kind !== "tags") continue;
    const problem = featureProblem(splitTags(values[field.name] ?? ""));
    if (problem) problems[field.name] = problem;
  }
  return problems;
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
  const form = useListingForm(houseId, changedValues, onSaved, () =>
    customTagProblem(fields, values),
  );

  function changedValues() {
    const changes: Record<string, string> = {};
    for (const field of fields) {
      if (values[field.name] !== initial[field.name])
        changes[field.name] = apiValue(field, values[field.name] ?? "");
    }
    if (houseId === null)
      for (const name of Object.keys(changes)) if (changes[name] === "") delete changes[name];
    return changes;
  }

  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} className="space-y-4" noValidate>
      <Card className="space-y-4">
        {fields.map((field) => (
          <FieldControl
            key={field.name}
            field={field}
            value={values[field.name] ?? ""}
            error={form.error(field.name)}
            onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
          />
        ))}
      </Card>
      <FormSummary form={form} />
      <Button type="submit" block busy={form.pending}>
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
  if (field.kind === "tags")
    return <TagPicker id={id} label={label} value={value} error={error} onChange={onChange} />;
  if (field.kind === "checks") {
    const chosen = new Set(value ? value.split("|") : []);
    const toggle = (code: string) => {
      const next = new Set(chosen);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      onChange([...next].sort((a, b) => Number(a) - Number(b)).join("|"));
    };
    return (
      <fieldset className="space-y-2" data-field>
        <legend className="text-sm font-medium text-stone-700">{label}</legend>
        <div className="flex flex-wrap gap-2">
          {field.options?.map(([code, text], index) => (
            <Chip
              key={code}
              on={chosen.has(String(code))}
              onToggle={() => toggle(String(code))}
              invalid={index === 0 ? { id, error } : undefined}
            >
              {text}
            </Chip>
          ))}
        </div>
        <FieldError id={id} error={error} />
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

function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} role="alert" className="text-xs text-red-600">
      {error}
    </p>
  );
}

/** A toggle chip; the first chip of a group carries the group's error for the form layer. */
function Chip({
  on,
  onToggle,
  invalid,
  children,
}: {
  on: boolean;
  onToggle: () => void;
  invalid?: { id: string; error?: string };
  children: string;
}) {
  return (
    <label
      className={`inline-flex min-h-11 cursor-pointer items-center rounded-full border px-3 text-sm ${on ? "border-brand bg-brand/10 text-brand" : "border-stone-300 text-stone-600"}`}
    >
      <input
        type="checkbox"
        className="sr-only"
        checked={on}
        onChange={onToggle}
        {...(invalid ? invalidProps(invalid.id, Boolean(invalid.error)) : {})}
      />
      {children}
    </label>
  );
}

/**
 * Feature tags: the chips tenants filter on (lib/houses/vocabulary.ts) plus a few custom ones.
 * The value is the API's "a|b" form.
 */
function TagPicker({
  id,
  label,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  const [draft, setDraft] = useState("");
  const tags = splitTags(value);
  const custom = customFeatures(tags);
  const set = (next: string[]) => onChange(next.join("|"));
  const toggle = (tag: string) =>
    set(tags.includes(tag) ? tags.filter((t) => t !== tag) : [...tags, tag]);
  const add = () => {
    const tag = draft.trim();
    if (!tag) return;
    if (!tags.includes(tag)) set([...tags, tag]);
    setDraft("");
  };
  return (
    <fieldset className="space-y-2" data-field>
      <legend className="text-sm font-medium text-stone-700">{label}</legend>
      <div className="flex flex-wrap gap-2" data-testid="feature-chips">
        {FEATURES.map((tag, index) => (
          <Chip
            key={tag}
            on={tags.includes(tag)}
            onToggle={() => toggle(tag)}
            invalid={index === 0 ? { id, error } : undefined}
          >
            {tag}
          </Chip>
        ))}
        {custom.map((tag) => (
          <Chip key={tag} on onToggle={() => toggle(tag)}>
            {tag}
          </Chip>
        ))}
      </div>
      {custom.length < MAX_CUSTOM_FEATURES && (
        <div className="flex gap-2">
          <TextInput
            id={`${id}-custom`}
            aria-label="自定义标签"
            placeholder={`自定义标签（最多 ${MAX_CUSTOM_FEATURES} 个）`}
            value={draft}
            maxLength={10}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                add();
              }
            }}
          />
          <Button variant="secondary" onClick={add} disabled={!draft.trim()}>
            添加
          </Button>
        </div>
      )}
      <FieldError id={id} error={error} />
    </fieldset>
  );
}
