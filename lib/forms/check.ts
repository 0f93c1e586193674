// client-safe: the forms check input with the API's own rules, so no server imports (scripts/check-layers.ts).
import type { ZodType } from "zod";
import type { FieldErrors } from "@/lib/forms/use-form";

// Browser-side validation with the server's own zod schemas: only zod's types are imported here,
// so a page that passes no schema (the tenant pages) never bundles zod.

/** Checks each present value against the schema for its name; returns field → first reason. */
export function fieldProblems(
  schemas: Partial<Record<string, ZodType>>,
  values: Record<string, unknown>,
): FieldErrors {
  const problems: FieldErrors = {};
  for (const [name, value] of Object.entries(values)) {
    const result = schemas[name]?.safeParse(value);
    if (result && !result.success) problems[name] = result.error.issues[0]?.message ?? "无效";
  }
  return problems;
}

/** Checks a whole parameter object; returns field → first reason (by the issue's top path). */
export function objectProblems(schema: ZodType, values: Record<string, unknown>): FieldErrors {
  const result = schema.safeParse(values);
  const problems: FieldErrors = {};
  if (result.success) return problems;
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? "");
    if (name && !problems[name]) problems[name] = issue.message;
  }
  return problems;
}

/** Required files that were not chosen: field → "请选择…". */
export function missingFiles(files: Record<string, { label: string; file: unknown }>): FieldErrors {
  const problems: FieldErrors = {};
  for (const [name, { label, file }] of Object.entries(files))
    if (!file) problems[name] = `请选择${label}`;
  return problems;
}
