"use client";

import { useState } from "react";
import { mutate } from "swr";
import { Button } from "@/components/ui/button";
import { FormSummary } from "@/components/ui/field";
import { Card } from "@/components/ui/page-shell";
import { ProgressBar } from "@/components/ui/progress-bar";
import { FilePicker, useUpload } from "@/components/ui/upload";
import { missingFiles } from "@/lib/forms/check";
import type { useForm } from "@/lib/forms/use-form";
import { downscaleImage, MAX_DOCUMENT_SIDE } from "@/lib/images/downscale";
import type { ApiPath } from "@/lib/swr/fetcher";
import { keys } from "@/lib/swr/hooks";

// What the identity and property verification forms share: the private document images (chosen,
// checked, downscaled and uploaded the same way) and the form around their own fields.

/** A document image a verification asks for: its API field, its label, its input's id. */
export interface DocumentField {
  name: string;
  label: string;
  id: string;
}

/** The chosen images of `documents` (the ones the form asks for now) and their upload to `path`. */
export function useDocumentUpload(path: ApiPath, documents: readonly DocumentField[]) {
  const [files, setFiles] = useState<Record<string, File | null>>({});
  const { progress, upload } = useUpload();
  return {
    progress,
    /** A field error for every image not chosen yet. */
    missing: () =>
      missingFiles(
        Object.fromEntries(
          documents.map(({ name, label }) => [name, { label, file: files[name] }]),
        ),
      ),
    /** Sends the text fields and the images, then reloads the verification status. */
    send: async (fields: Record<string, string>) => {
      const body = new FormData();
      for (const [name, value] of Object.entries(fields)) body.append(name, value);
      for (const { name } of documents) {
        const file = files[name];
        if (file) body.append(name, await downscaleImage(file, MAX_DOCUMENT_SIDE));
      }
      await upload(path, body);
      await mutate(keys.verification);
    },
    pickers: (fieldError: (name: string) => string | undefined) =>
      documents.map(({ name, label, id }) => (
        <FilePicker
          key={name}
          id={id}
          label={label}
          file={files[name] ?? null}
          onChange={(file) => setFiles((current) => ({ ...current, [name]: file }))}
          error={fieldError(name)}
        />
      )),
  };
}

/** The form around a verification's fields: upload progress, what went wrong, the button. */
export function VerificationForm({
  form,
  progress,
  submitLabel,
  children,
}: {
  form: ReturnType<typeof useForm>;
  progress: number | null;
  submitLabel: string;
  children: React.ReactNode;
}) {
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} className="space-y-4" noValidate>
      <Card className="space-y-4">{children}</Card>
      {progress !== null && <ProgressBar value={progress} label="证件上传进度" />}
      <FormSummary form={form} />
      <Button type="submit" block busy={form.pending}>
        {submitLabel}
      </Button>
    </form>
  );
}
