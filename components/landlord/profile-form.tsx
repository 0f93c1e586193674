"use client";

import { useState } from "react";
import { mutate } from "swr";
import { SendCodeButton } from "@/components/landlord/phone-code";
import { Button } from "@/components/ui/button";
import { Field, FormSummary, Notice, Select, TextArea, TextInput } from "@/components/ui/field";
import { Card, LoadingBlock } from "@/components/ui/page-shell";
import { FilePicker, useUpload } from "@/components/ui/upload";
import { missingFiles, objectProblems } from "@/lib/forms/check";
import { useTextFields } from "@/lib/forms/text-fields";
import { useForm } from "@/lib/forms/use-form";
import { errorText } from "@/lib/swr/fetcher";
import type { OwnProfile } from "@/lib/swr/hooks";
import { keys, useProfile } from "@/lib/swr/hooks";
import { displayName } from "@/lib/users/display-name";
import { FIRST_SAVE_REQUIRED, profileParams } from "@/lib/users/profile-fields";

const SEXES = [
  [1, "男"],
  [2, "女"],
  [0, "不透露"],
] as const;
const USER_TYPES = [
  [1, "房东"],
  [2, "二房东"],
  [3, "中介"],
] as const;

type TextFields = Record<string, string>;

function initialValues(profile: OwnProfile): TextFields {
  const text = (value: unknown) => (value == null ? "" : String(value));
  return {
    nickname: text(displayName(profile.nickname, profile.wx_nickname)),
    sex: text(profile.sex),
    user_type: text(profile.user_type),
    self_description: text(profile.self_description),
    addressProvince: text(profile.addressProvince),
    addressCity: text(profile.addressCity),
    birthday: text(profile.birthday),
    constellations: text(profile.constellations),
    education: text(profile.education),
    occupation: text(profile.occupation),
    tel: text(profile.tel),
    tel_code: "",
    wechat: text(profile.wechat),
    qq: text(profile.qq),
    account_name: text(profile.account_name),
    account_number: "",
    account_idcardnumber: "",
  };
}

/** Under a secret field that is never shown again: what is stored, and that empty keeps it. */
function savedHint(masked: string | null | undefined) {
  return masked ? `已保存：${masked}，留空则不修改` : undefined;
}

export function ProfileForm({
  educationLevels,
  constellations,
}: {
  educationLevels: string[];
  constellations: string[];
}) {
  const { data, error, isLoading } = useProfile();
  if (isLoading) return <LoadingBlock />;
  if (error || !data) return <Notice>{errorText(error)}</Notice>;
  return <Form profile={data} educationLevels={educationLevels} constellations={constellations} />;
}

function Form({
  profile,
  educationLevels,
  constellations,
}: {
  profile: OwnProfile;
  educationLevels: string[];
  constellations: string[];
}) {
  const fields = useTextFields("profile", () => initialValues(profile));
  const { values, setValues } = fields;
  const [portrait, setPortrait] = useState<File | null>(null);
  const [saved, setSaved] = useState(false);
  const { progress, upload } = useUpload();
  // Empty optional fields are left out, so they keep their stored value.
  const filled = fields.filled;
  const form = useForm({
    validate: () => {
      const problems = objectProblems(profileParams, filled());
      for (const name of FIRST_SAVE_REQUIRED) if (!values[name]?.trim()) problems[name] ??= "必填";
      const hasPortrait = portrait || profile.headimgurl || profile.wx_headimgurl;
      return { ...missingFiles({ portrait: { label: "头像", file: hasPortrait } }), ...problems };
    },
    submit: async () => {
      setSaved(false);
      const body = new FormData();
      for (const [name, value] of Object.entries(filled())) body.append(name, value);
      if (portrait) body.append("portrait", portrait);
      await upload("/api/create_userinfo", body);
      setSaved(true);
      setPortrait(null);
      setValues((current) => ({ ...current, tel_code: "" }));
      await mutate(keys.profile);
    },
  });
  const fieldError = form.error;
  const input = (name: string) => fields.bind(name, fieldError(name));

  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} className="space-y-4" noValidate>
      <Card className="space-y-4">
        <FilePicker
          id="profile-portrait"
          label="头像"
          file={portrait}
          onChange={setPortrait}
          progress={portrait ? progress : null}
          error={fieldError("portrait")}
          existingUrl={profile.headimgurl ?? profile.wx_headimgurl}
        />
        <Field label="称呼 *" htmlFor="profile-nickname" error={fieldError("nickname")}>
          <TextInput {...input("nickname")} maxLength={30} required />
        </Field>
        <Field label="性别 *" htmlFor="profile-sex" error={fieldError("sex")}>
          <Select {...input("sex")} options={SEXES} required />
        </Field>
        <Field label="身份 *" htmlFor="profile-user_type" error={fieldError("user_type")}>
          <Select {...input("user_type")} options={USER_TYPES} required />
        </Field>
        <Field
          label="自我介绍"
          htmlFor="profile-self_description"
          error={fieldError("self_description")}
        >
          <TextArea {...input("self_description")} maxLength={500} />
        </Field>
      </Card>
      <Card className="space-y-4">
        <h2 className="text-sm font-semibold text-stone-500">联系方式</h2>
        <Field
          label={profile.tel_verified && values.tel === profile.tel ? "手机号（已验证）" : "手机号"}
          htmlFor="profile-tel"
          error={fieldError("tel")}
        >
          <TextInput {...input("tel")} inputMode="tel" maxLength={11} />
        </Field>
        {!(profile.tel_verified && values.tel === profile.tel) && (
          <Field label="短信验证码" htmlFor="profile-tel_code" error={fieldError("tel_code")}>
            <div className="flex gap-2">
              <TextInput
                {...input("tel_code")}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                placeholder="6 位数字，可不填"
              />
              <SendCodeButton tel={values.tel ?? ""} purpose="profile" />
            </div>
          </Field>
        )}
        <Field label="微信号" htmlFor="profile-wechat" error={fieldError("wechat")}>
          <TextInput {...input("wechat")} />
        </Field>
        <Field label="QQ" htmlFor="profile-qq" error={fieldError("qq")}>
          <TextInput {...input("qq")} inputMode="numeric" />
        </Field>
      </Card>
      <Card className="space-y-4">
        <h2 className="text-sm font-semibold text-stone-500">更多信息（选填）</h2>
        <div className="grid grid-cols-2 gap-3">
          <Field
            label="所在省份"
            htmlFor="profile-addressProvince"
            error={fieldError("addressProvince")}
          >
            <TextInput {...input("addressProvince")} />
          </Field>
          <Field label="所在城市" htmlFor="profile-addressCity" error={fieldError("addressCity")}>
            <TextInput {...input("addressCity")} />
          </Field>
        </div>
        <Field label="生日" htmlFor="profile-birthday" error={fieldError("birthday")}>
          <TextInput {...input("birthday")} type="date" />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="星座" htmlFor="profile-constellations" error={fieldError("constellations")}>
            <Select
              {...input("constellations")}
              options={constellations.map((c) => [c, c] as const)}
            />
          </Field>
          <Field label="学历" htmlFor="profile-education" error={fieldError("education")}>
            <Select {...input("education")} options={educationLevels.map((e) => [e, e] as const)} />
          </Field>
        </div>
        <Field label="职业" htmlFor="profile-occupation" error={fieldError("occupation")}>
          <TextInput {...input("occupation")} />
        </Field>
      </Card>
      <Card className="space-y-4">
        <h2 className="text-sm font-semibold text-stone-500">收款账户（提现时使用，选填）</h2>
        <Field label="开户姓名" htmlFor="profile-account_name" error={fieldError("account_name")}>
          <TextInput {...input("account_name")} />
        </Field>
        <Field
          label="银行卡号"
          htmlFor="profile-account_number"
          error={fieldError("account_number")}
          hint={savedHint(profile.account_number_masked)}
        >
          <TextInput {...input("account_number")} inputMode="numeric" autoComplete="off" />
        </Field>
        <Field
          label="开户人身份证号"
          htmlFor="profile-account_idcardnumber"
          error={fieldError("account_idcardnumber")}
          hint={savedHint(profile.account_idcardnumber_masked)}
        >
          <TextInput {...input("account_idcardnumber")} autoComplete="off" maxLength={18} />
        </Field>
      </Card>
      <FormSummary form={form} />
      {saved && <Notice tone="success">资料已保存</Notice>}
      <Button type="submit" block busy={form.pending}>
        保存资料
      </Button>
    </form>
  );
}
