"use client";

import { useState } from "react";
import { mutate } from "swr";
import { ConsentGate, retentionText } from "@/components/landlord/consent";
import { VerificationState } from "@/components/landlord/verification-status";
import { Button } from "@/components/ui/button";
import { Field, FormSummary, Notice, Select, TextInput } from "@/components/ui/field";
import { Card, LoadingBlock } from "@/components/ui/page-shell";
import { ProgressBar } from "@/components/ui/progress-bar";
import { FilePicker, useUpload } from "@/components/ui/upload";
import { missingFiles, objectProblems } from "@/lib/forms/check";
import { useForm } from "@/lib/forms/use-form";
import { downscaleImage, MAX_DOCUMENT_SIDE } from "@/lib/images/downscale";
import { errorText } from "@/lib/swr/fetcher";
import { keys, useVerificationStatus } from "@/lib/swr/hooks";
import { propertyParams } from "@/lib/verifications/fields";

const consentText = {
  title: "房东认证 · 个人信息处理说明",
  purpose: "核实你有权出租该房屋（产权人或合法转租人），防止虚假房源。",
  scope: ["产权人姓名与身份证号码", "房产证号与房产证照片", "转租时：租赁合同照片"],
};

const HOUSE_TYPES = [
  [1, "自有房屋出租"],
  [2, "租赁房屋转租"],
] as const;

export function PropertyVerification({ retentionDays }: { retentionDays: number }) {
  const consent = { ...consentText, retention: retentionText(retentionDays) };
  const { data, error, isLoading } = useVerificationStatus();
  const [adding, setAdding] = useState(false);
  if (isLoading) return <LoadingBlock />;
  if (error || !data) return <Notice>{errorText(error)}</Notice>;
  const list = data.property;
  return (
    <div className="space-y-4">
      {list.length === 0 && (
        <Card>
          <VerificationState status="none">尚未提交房东认证</VerificationState>
        </Card>
      )}
      {list.map((item) => (
        <Card key={item.id}>
          <VerificationState status={item.status} reason={item.reject_reason}>
            房产证号 {item.property_cert_number} · {item.house_type === 2 ? "转租" : "自有"}
          </VerificationState>
        </Card>
      ))}
      {list.length > 0 && !adding ? (
        <Button variant="secondary" block onClick={() => setAdding(true)}>
          认证另一套房屋
        </Button>
      ) : (
        <ConsentGate text={consent}>
          <PropertyForm onDone={() => setAdding(false)} />
        </ConsentGate>
      )}
    </div>
  );
}

function PropertyForm({ onDone }: { onDone: () => void }) {
  const [values, setValues] = useState({
    certname: "",
    idcardnumber: "",
    property_cert_number: "",
    house_type: "1",
    community: "",
    building: "",
    unit: "",
    room: "",
    lease_start: "",
    lease_end: "",
  });
  const [certPhoto, setCertPhoto] = useState<File | null>(null);
  const [leasePhoto, setLeasePhoto] = useState<File | null>(null);
  const { progress, upload } = useUpload();
  const sublet = values.house_type === "2";
  // What is sent: filled fields only, and the lease dates only for a re-let.
  const trimmed = () =>
    Object.fromEntries(
      Object.entries(values)
        .map(([name, value]) => [name, value.trim()] as const)
        .filter(([name, value]) => value && (sublet || !name.startsWith("lease_"))),
    );
  const form = useForm({
    validate: () => ({
      ...objectProblems(propertyParams, trimmed()),
      // The certificate's address is what the admin matches against the linked listings.
      ...(values.community.trim() ? {} : { community: "请填写小区名称" }),
      ...(values.room.trim() ? {} : { room: "请填写房号" }),
      ...(sublet && !values.lease_start ? { lease_start: "请填写租期开始日期" } : {}),
      ...(sublet && !values.lease_end ? { lease_end: "请填写租期结束日期" } : {}),
      ...missingFiles({
        property_cert_photo: { label: "房产证照片", file: certPhoto },
        ...(sublet
          ? { lease_agreement_photo_url: { label: "租赁合同照片", file: leasePhoto } }
          : {}),
      }),
    }),
    submit: async () => {
      const body = new FormData();
      for (const [name, value] of Object.entries(trimmed())) body.append(name, value);
      if (certPhoto)
        body.append("property_cert_photo", await downscaleImage(certPhoto, MAX_DOCUMENT_SIDE));
      if (sublet && leasePhoto)
        body.append(
          "lease_agreement_photo_url",
          await downscaleImage(leasePhoto, MAX_DOCUMENT_SIDE),
        );
      await upload("/api/house_identification", body);
      await mutate(keys.verification);
      onDone();
    },
  });
  const fieldError = form.error;
  const input = (name: keyof typeof values) => ({
    id: `property-${name}`,
    value: values[name],
    invalid: Boolean(fieldError(name)),
    onChange: (event: { target: { value: string } }) =>
      setValues((current) => ({ ...current, [name]: event.target.value })),
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} className="space-y-4" noValidate>
      <Card className="space-y-4">
        <Field label="出租类型" htmlFor="property-house_type" error={fieldError("house_type")}>
          <Select {...input("house_type")} options={HOUSE_TYPES} />
        </Field>
        <Field label="房产证上的姓名" htmlFor="property-certname" error={fieldError("certname")}>
          <TextInput {...input("certname")} />
        </Field>
        <Field
          label="产权人身份证号码"
          htmlFor="property-idcardnumber"
          error={fieldError("idcardnumber")}
        >
          <TextInput {...input("idcardnumber")} maxLength={18} autoComplete="off" />
        </Field>
        <Field
          label="房产证号"
          htmlFor="property-property_cert_number"
          error={fieldError("property_cert_number")}
        >
          <TextInput {...input("property_cert_number")} autoComplete="off" />
        </Field>
        <CertificateAddress input={input} fieldError={fieldError} sublet={sublet} />
        <FilePicker
          id="property-cert-photo"
          label="房产证照片"
          file={certPhoto}
          onChange={setCertPhoto}
          error={fieldError("property_cert_photo")}
        />
        {sublet && (
          <FilePicker
            id="property-lease-photo"
            label="租赁合同照片"
            file={leasePhoto}
            onChange={setLeasePhoto}
            error={fieldError("lease_agreement_photo_url")}
          />
        )}
      </Card>
      {progress !== null && <ProgressBar value={progress} label="证件上传进度" />}
      <FormSummary form={form} />
      <Button type="submit" block busy={form.pending}>
        提交房东认证
      </Button>
    </form>
  );
}

/** The address as on the certificate (the platform checks it against each linked listing). */
function CertificateAddress({
  input,
  fieldError,
  sublet,
}: {
  input: (name: "community" | "building" | "unit" | "room" | "lease_start" | "lease_end") => {
    id: string;
    value: string;
    invalid: boolean;
    onChange: (event: { target: { value: string } }) => void;
  };
  fieldError: (name: string) => string | undefined;
  sublet: boolean;
}) {
  return (
    <>
      <Field label="证上地址：小区" htmlFor="property-community" error={fieldError("community")}>
        <TextInput {...input("community")} maxLength={50} />
      </Field>
      <div className="grid grid-cols-3 gap-2">
        <Field label="楼栋" htmlFor="property-building" error={fieldError("building")}>
          <TextInput {...input("building")} maxLength={20} />
        </Field>
        <Field label="单元" htmlFor="property-unit" error={fieldError("unit")}>
          <TextInput {...input("unit")} maxLength={20} />
        </Field>
        <Field label="房号" htmlFor="property-room" error={fieldError("room")}>
          <TextInput {...input("room")} maxLength={20} />
        </Field>
      </div>
      {sublet && (
        <div className="grid grid-cols-2 gap-2">
          <Field label="租约开始" htmlFor="property-lease_start" error={fieldError("lease_start")}>
            <TextInput {...input("lease_start")} type="date" />
          </Field>
          <Field label="租约结束" htmlFor="property-lease_end" error={fieldError("lease_end")}>
            <TextInput {...input("lease_end")} type="date" />
          </Field>
        </div>
      )}
    </>
  );
}
