import { submittedNameAnswer } from "@/lib/api/answers";
import { defineRoute } from "@/lib/api/route";
import { documentRule, requiredFile } from "@/lib/verifications/documents";
import { propertyParams } from "@/lib/verifications/fields";
import { submitProperty } from "@/lib/verifications/property";

// GET|POST /api/house_identification – landlord property verification (multipart).
export const POST = defineRoute(
  {
    auth: "user",
    answer: submittedNameAnswer,
    params: propertyParams,
    files: { property_cert_photo: documentRule, lease_agreement_photo_url: documentRule },
  },
  async ({ user, params, files }) =>
    submitProperty(user.id, {
      certname: params.certname,
      idNumber: params.idcardnumber,
      certNumber: params.property_cert_number,
      houseType: params.house_type,
      certPhoto: requiredFile(files, "property_cert_photo"),
      leasePhoto:
        params.house_type === 2 ? requiredFile(files, "lease_agreement_photo_url") : undefined,
      address: params,
      leaseStart: params.lease_start,
      leaseEnd: params.lease_end,
    }),
);
export const GET = POST;
