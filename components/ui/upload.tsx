"use client";

import { useCallback, useEffect, useState } from "react";
import { invalidProps } from "@/components/ui/field";
import { ProgressBar } from "@/components/ui/progress-bar";
import { type ApiPath, uploadWithProgress } from "@/lib/swr/fetcher";

/**
 * One file at a time, `accept="image/*"` and no `multiple`: Android WeChat cannot multi-select
 * and a specific MIME list hides its camera and gallery.
 */
export function FilePicker({
  id,
  label,
  accept = "image/*",
  file,
  onChange,
  progress,
  error,
  existingUrl,
}: {
  id: string;
  label: string;
  accept?: string;
  file: File | null;
  onChange: (file: File | null) => void;
  /** 0–1 while uploading, null otherwise. */
  progress?: number | null;
  error?: string | null;
  /** Already stored image to show until a new file is picked. */
  existingUrl?: string | null;
}) {
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(() => {
    if (!file?.type.startsWith("image/")) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);
  const shown = preview ?? existingUrl;
  return (
    <div className="space-y-2" data-field>
      <span className="block text-sm font-medium text-stone-700">{label}</span>
      <div className="flex items-center gap-3">
        {shown ? (
          // biome-ignore lint/performance/noImgElement: local object URL / private API image
          <img src={shown} alt={`${label}预览`} className="h-16 w-16 rounded-lg object-cover" />
        ) : (
          <div className="flex h-16 w-16 items-center justify-center rounded-lg border border-dashed border-stone-300 text-2xl text-stone-400">
            +
          </div>
        )}
        <label
          htmlFor={id}
          className="inline-flex min-h-11 cursor-pointer items-center rounded-lg border border-stone-300 bg-white px-3 text-sm text-stone-700 active:bg-stone-100"
        >
          {file ? "重新选择" : "选择文件"}
        </label>
        <input
          id={id}
          type="file"
          accept={accept}
          aria-label={label}
          {...invalidProps(id, Boolean(error))}
          className="sr-only"
          onChange={(event) => onChange(event.target.files?.[0] ?? null)}
        />
        {file && <span className="min-w-0 truncate text-xs text-stone-500">{file.name}</span>}
      </div>
      {progress != null && <ProgressBar value={progress} label={`${label}上传进度`} />}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

/** Multipart POST with a progress value for the bar; null when idle. */
export function useUpload() {
  const [progress, setProgress] = useState<number | null>(null);
  const upload = useCallback(async <P extends ApiPath>(path: P, form: FormData) => {
    setProgress(0);
    try {
      return await uploadWithProgress(path, form, setProgress).promise;
    } finally {
      setProgress(null);
    }
  }, []);
  return { progress, upload };
}
