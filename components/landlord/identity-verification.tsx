"use client";

import { useState } from "react";
import { mutate } from "swr";
import { ConsentGate, retentionText } from "@/components/landlord/consent";
import { VerificationState } from "@/components/landlord/verification-status";
import { Button } from "@/components/ui/button";
import { Field, FormSummary, Notice, TextInput } from "@/components/ui/field";
import { Card, LoadingBlock } from "@/components/ui/page-shell";
import { ProgressBar } from "@/components/ui/progress-bar";
import { FilePicker, useUpload } from "@/components/ui/upload";
import { missingFiles, objectProblems } from "@/lib/forms/check";
import { useForm } from "@/lib/forms/use-form";
import { downscaleImage, MAX_DOCUMENT_SIDE } from "@/lib/images/downscale";
import { errorText } from "@/lib/swr/fetcher";
import { keys, useVerificationStatus } from "@/lib/swr/hooks";
import { identityParams } from "@/lib/verifications/fields";

const consentText = {
  title: "实名认证 · 个人信息处理说明",
  purpose:
    "核实你是本人，保障租客和房东的交易安全。实名通过后，你的房源会显示「实名认证」标识，租客更放心。",
  scope: ["真实姓名、身份证号码", "身份证人像面与国徽面照片", "本人正面照片（用于与证件比对）"],
};

const FILES = [
  ["portrait", "本人正面照片"],
  ["idcardfront", "身份证人像面"],
  ["idcardback", "身份证国徽面"],
] as const;

export function IdentityVerification({ retentionDays }: { retentionDays: number }) {
  const consent = { ...consentText, retention: retentionText(retentionDays) };
  const { data, error, isLoading } = useVerificationStatus();
  if (isLoading) return <LoadingBlock />;
  if (error || !data) return <Notice>{errorText(error)}</Notice>;
  const identity = data.identity;
  const canSubmit = identity.status === "none" || identity.status === "rejected";
  return (
    <div className="space-y-4">
      <Card>
        <VerificationState status={identity.status} reason={identity.reject_reason}>
          {identity.status === "none"
            ? "尚未实名认证"
            : `${identity.realname} · ${identity.idcardnumber_masked}`}
        </VerificationState>
      </Card>
      {canSubmit && (
        <ConsentGate text={consent}>
          <IdentityForm />
        </ConsentGate>
      )}
    </div>
  );
}

function IdentityForm() {
  const [realname, setRealname] = useState("");
  const [idNumber, setIdNumber] = useState("");
  const [files, setFiles] = useState<Record<string, File | null>>({});
  const { progress, upload } = useUpload();
  const params = () => ({ realname: realname.trim(), idcardnumber: idNumber.trim() });
  const form = useForm({
    // Checked before anything is sent: a typo in the ID number never costs an upload.
    validate: () => ({
      ...objectProblems(identityParams, params()),
      ...missingFiles(
        Object.fromEntries(FILES.map(([name, label]) => [name, { label, file: files[name] }])),
      ),
    }),
    submit: async () => {
      const body = new FormData();
      for (const [name, value] of Object.entries(params())) body.append(name, value);
      for (const [name] of FILES) {
        const file = files[name];
        if (file) body.append(name, await downscaleImage(file, MAX_DOCUMENT_SIDE));
      }
      await upload("/api/user_identification", body);
      await mutate(keys.verification);
    },
  });
  const fieldError = form.error;

  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} className="space-y-4" noValidate>
      <Card className="space-y-4">
        <Field label="真实姓名" htmlFor="id-realname" error={fieldError("realname")}>
          <TextInput
            id="id-realname"
            value={realname}
            onChange={(e) => setRealname(e.target.value)}
            invalid={Boolean(fieldError("realname"))}
            autoComplete="name"
          />
        </Field>
        <Field label="身份证号码" htmlFor="id-number" error={fieldError("idcardnumber")}>
          <TextInput
            id="id-number"
            value={idNumber}
            onChange={(e) => setIdNumber(e.target.value)}
            invalid={Boolean(fieldError("idcardnumber"))}
            maxLength={18}
            autoComplete="off"
          />
        </Field>
        {FILES.map(([name, label]) => (
          <FilePicker
            key={name}
            id={`id-${name}`}
            label={label}
            file={files[name] ?? null}
            onChange={(file) => setFiles((current) => ({ ...current, [name]: file }))}
            error={fieldError(name)}
          />
        ))}
      </Card>
      {progress !== null && <ProgressBar value={progress} label="证件上传进度" />}
      <FormSummary form={form} />
      <Button type="submit" block busy={form.pending}>
        提交实名认证
      </Button>
    </form>
  );
}
