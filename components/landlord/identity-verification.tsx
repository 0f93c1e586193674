"use client";

import { ConsentGate, retentionText } from "@/components/landlord/consent";
import { useDocumentUpload, VerificationForm } from "@/components/landlord/verification-form";
import { VerificationState } from "@/components/landlord/verification-status";
import { Field, Notice, TextInput } from "@/components/ui/field";
import { Card, LoadingBlock } from "@/components/ui/page-shell";
import { objectProblems } from "@/lib/forms/check";
import { useTextFields } from "@/lib/forms/text-fields";
import { useForm } from "@/lib/forms/use-form";
import { errorText } from "@/lib/swr/fetcher";
import { useVerificationStatus } from "@/lib/swr/hooks";
import { identityParams } from "@/lib/verifications/fields";

const consentText = {
  title: "实名认证 · 个人信息处理说明",
  purpose:
    "核实你是本人，保障租客和房东的交易安全。实名通过后，你的房源会显示「实名认证」标识，租客更放心。",
  scope: ["真实姓名、身份证号码", "身份证人像面与国徽面照片", "本人正面照片（用于与证件比对）"],
};

const DOCUMENTS = [
  { name: "portrait", label: "本人正面照片", id: "id-portrait" },
  { name: "idcardfront", label: "身份证人像面", id: "id-idcardfront" },
  { name: "idcardback", label: "身份证国徽面", id: "id-idcardback" },
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
  const fields = useTextFields("id", () => ({ realname: "", idcardnumber: "" }));
  const documents = useDocumentUpload("/api/user_identification", DOCUMENTS);
  // Both sent even when empty, so the rules say what is missing.
  const params = () => ({
    realname: fields.values.realname.trim(),
    idcardnumber: fields.values.idcardnumber.trim(),
  });
  const form = useForm({
    // Checked before anything is sent: a typo in the ID number never costs an upload.
    validate: () => ({ ...objectProblems(identityParams, params()), ...documents.missing() }),
    submit: () => documents.send(params()),
  });
  const fieldError = form.error;
  const input = (name: "realname" | "idcardnumber") => fields.bind(name, fieldError(name));

  return (
    <VerificationForm form={form} progress={documents.progress} submitLabel="提交实名认证">
      <Field label="真实姓名" htmlFor="id-realname" error={fieldError("realname")}>
        <TextInput {...input("realname")} autoComplete="name" />
      </Field>
      <Field label="身份证号码" htmlFor="id-number" error={fieldError("idcardnumber")}>
        <TextInput {...input("idcardnumber")} id="id-number" maxLength={18} autoComplete="off" />
      </Field>
      {documents.pickers(fieldError)}
    </VerificationForm>
  );
}
