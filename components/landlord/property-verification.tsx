"use client";

import { useState } from "react";
import { ConsentGate, retentionText } from "@/components/landlord/consent";
import { useDocumentUpload, VerificationForm } from "@/components/landlord/verification-form";
import { VerificationState } from "@/components/landlord/verification-status";
import { Button } from "@/components/ui/button";
import { Field, Notice, Select, TextInput } from "@/components/ui/field";
import { Card, LoadingBlock } from "@/components/ui/page-shell";
import { objectProblems } from "@/lib/forms/check";
import { useTextFields } from "@/lib/forms/text-fields";
import { useForm } from "@/lib/forms/use-form";
import { errorText } from "@/lib/swr/fetcher";
import { useVerificationStatus } from "@/lib/swr/hooks";
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

const CERTIFICATE = { name: "property_cert_photo", label: "房产证照片", id: "property-cert-photo" };
const LEASE = {
  name: "lease_agreement_photo_url",
  label: "租赁合同照片",
  id: "property-lease-photo",
};

function PropertyForm({ onDone }: { onDone: () => void }) {
  const fields = useTextFields("property", () => ({
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
  }));
  const { values } = fields;
  const sublet = values.house_type === "2";
  const documents = useDocumentUpload(
    "/api/house_identification",
    sublet ? [CERTIFICATE, LEASE] : [CERTIFICATE],
  );
  // What is sent: filled fields only, and the lease dates only for a re-let.
  const trimmed = () =>
    Object.fromEntries(
      Object.entries(fields.filled()).filter(([name]) => sublet || !name.startsWith("lease_")),
    );
  const form = useForm({
    validate: () => ({
      ...objectProblems(propertyParams, trimmed()),
      // The certificate's address is what the admin matches against the linked listings.
      ...(values.community.trim() ? {} : { community: "请填写小区名称" }),
      ...(values.room.trim() ? {} : { room: "请填写房号" }),
      ...(sublet && !values.lease_start ? { lease_start: "请填写租期开始日期" } : {}),
      ...(sublet && !values.lease_end ? { lease_end: "请填写租期结束日期" } : {}),
      ...documents.missing(),
    }),
    submit: async () => {
      await documents.send(trimmed());
      onDone();
    },
  });
  const fieldError = form.error;
  const input = (name: keyof typeof values) => fields.bind(name, fieldError(name));
  return (
    <VerificationForm form={form} progress={documents.progress} submitLabel="提交房东认证">
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
      {documents.pickers(fieldError)}
    </VerificationForm>
  );
}

/** The address as on the certificate (the platform checks it against each linked listing). */
function CertificateAddress({
  input,
  fieldError,
  sublet,
}: {
  input: (
    name: "community" | "building" | "unit" | "room" | "lease_start" | "lease_end",
  ) => ReturnType<ReturnType<typeof useTextFields>["bind"]>;
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
