import { describe, expect, test } from "vitest";
import { POST as userIdentification } from "@/app/api/user_identification/route";
import { fieldProblems, missingFiles, objectProblems } from "@/lib/forms/check";
import { listingFields } from "@/lib/houses/fields";
import { FEATURES, featureProblem } from "@/lib/houses/vocabulary";
import { isMobile } from "@/lib/phone/number";
import { profileParams } from "@/lib/users/profile-fields";
import { identityParams, propertyParams } from "@/lib/verifications/fields";
import { createViewingParams } from "@/lib/viewings/fields";
import { call, createUser } from "@/tests/helpers";
import { withCheckDigit } from "@/tests/verifications";

// The browser checks forms with the very schemas the API uses: what the page says before an
// upload is what the server would answer after it.

const VALID_ID = withCheckDigit("11010519491231002");
const WRONG_CHECK_DIGIT = `${VALID_ID.slice(0, 17)}${VALID_ID[17] === "1" ? "2" : "1"}`;

describe("shared validation rules", () => {
  test("ID number: check digit and birth date are caught before any upload", () => {
    expect(objectProblems(identityParams, { realname: "张三", idcardnumber: VALID_ID })).toEqual(
      {},
    );
    expect(
      objectProblems(identityParams, { realname: "张三", idcardnumber: WRONG_CHECK_DIGIT }),
    ).toEqual({ idcardnumber: "身份证号校验位不正确" });
    const february30 = withCheckDigit("11010519490230002");
    expect(objectProblems(identityParams, { realname: "张", idcardnumber: february30 })).toEqual({
      realname: "应为 2–30 个字符",
      idcardnumber: "身份证号中的出生日期无效",
    });
  });

  test("the server answers the same message for the same typo", async () => {
    const { token } = await createUser();
    const { body } = await call(userIdentification, {
      path: "/api/user_identification",
      form: { realname: "张三", idcardnumber: WRONG_CHECK_DIGIT },
      token,
    });
    expect(body.status).toBe(2);
    expect(body.msg).toContain(
      objectProblems(identityParams, { realname: "张三", idcardnumber: WRONG_CHECK_DIGIT })
        .idcardnumber,
    );
  });

  test("property verification: every required field is named", () => {
    expect(Object.keys(objectProblems(propertyParams, {})).sort()).toEqual([
      "certname",
      "idcardnumber",
      "property_cert_number",
    ]);
    expect(objectProblems(propertyParams, { house_type: "3" }).house_type).toBe("应为 1、2 之一");
  });

  test("phone: the profile rule and the zod-free one agree", () => {
    for (const [tel, ok] of [
      ["12345", false],
      ["12800138000", false],
      ["13800138000", true],
      ["138 0013 8000", true],
    ] as const) {
      expect(isMobile(tel)).toBe(ok);
      expect(objectProblems(profileParams, { tel }).tel).toBe(
        ok ? undefined : "应为 11 位中国大陆手机号",
      );
    }
  });

  test("listing ranges and required files", () => {
    expect(fieldProblems(listingFields, { house_size: "0", house_rent: "3500" })).toEqual({
      house_size: "不能小于 1",
    });
    expect(fieldProblems(listingFields, { all_floor: "201" })).toEqual({
      all_floor: "不能大于 200",
    });
    expect(
      missingFiles({
        portrait: { label: "本人正面照片", file: null },
        front: { label: "x", file: 1 },
      }),
    ).toEqual({ portrait: "请选择本人正面照片" });
  });

  test("feature tags: the shared chips plus at most 3 custom; the API still takes 10 free tags", () => {
    expect(featureProblem([...FEATURES, "南北通透", "近学校", "有车位"])).toBeNull();
    expect(featureProblem(["南北通透", "近学校", "有车位", "带花园"])).toContain("最多 3 个");
    const legacy = Array.from({ length: 10 }, (_, index) => `标签${index}`).join("|");
    expect(fieldProblems(listingFields, { house_characteristic: legacy })).toEqual({});
  });

  test("viewing request: the pay form's phone, code and date are checked before anything is sent", () => {
    const request = { owner_id: 1, house_id: 2, consent: 1, credit_consent: 0 };
    expect(
      objectProblems(createViewingParams, { ...request, tel: "13800138000", tel_code: "123456" }),
    ).toEqual({});
    expect(
      objectProblems(createViewingParams, {
        ...request,
        tel: "12345",
        tel_code: "12ab",
        preferred_date: "2099-02-30",
        preferred_slot: "afternoon",
      }),
    ).toEqual({
      tel: "应为 11 位中国大陆手机号",
      tel_code: "应为 6 位数字",
      preferred_date: expect.any(String),
    });
  });
});
