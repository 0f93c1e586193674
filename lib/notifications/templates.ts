import { z } from "zod";

// Template messages leave the platform through WeChat: they must never carry phone numbers, ID
// numbers or full names. Configuration may not map these payload keys onto a template field,
// and every value is scrubbed of anything shaped like a phone or ID number before it is sent.
const PERSONAL_KEYS =
  /(^|_)(name|real_name|full_name|certname|tel|phone|mobile|id_number|idcard)$/i;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/** Removes phone and ID numbers from a text bound for an outside channel. */
export function scrubPersonalData(value: string): string {
  return value.replace(ID_NUMBER, "[已隐藏]").replace(MOBILE, "[已隐藏]");
}

/**
 * WECHAT_TEMPLATES: `{"<kind>": {"template_id": "...", "fields": {"<template field>": "<payload
 * key>"}}}`, e.g. `{"viewing_paid": {"template_id": "Abc…", "fields": {"thing1": "house_title",
 * "time2": "paid_at"}}}`. A kind without an entry is delivered to the inbox only.
 */
export const templatesSchema = z.record(
  z.string().min(1),
  z.object({
    template_id: z.string().min(1),
    fields: z.record(
      z.string().min(1),
      z
        .string()
        .min(1)
        .refine((key) => !PERSONAL_KEYS.test(key), "personal data may not go into a template"),
    ),
  }),
);

export type TemplateConfig = z.infer<typeof templatesSchema>;
