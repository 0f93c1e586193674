import { z } from "zod";
import { submittedNameAnswer } from "@/lib/api/answers";
import { oneOf, optional } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { documentRule, requiredFile } from "@/lib/verifications/documents";
import { certNumber, idNumber, personName } from "@/lib/verifications/fields";
import { submitProperty } from "@/lib/verifications/property";

// GET|POST /api/house_identification – landlord property verification (multipart).
export const POST = defineRoute(
  {
    auth: "user",
    answer: submittedNameAnswer,
    params: z.object({
      certname: personName(),
      idcardnumber: idNumber(),
      property_cert_number: certNumber(),
      house_type: optional(oneOf([1, 2] as const)).transform((value) => value ?? 1),
    }),
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
    }),
);
export const GET = POST;
