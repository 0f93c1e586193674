import { z } from "zod";
import { submittedNameAnswer } from "@/lib/api/answers";
import { integer, isoDate, oneOf, optional, text } from "@/lib/api/fields";
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
      // The address as on the certificate (the admin checks it against linked listings).
      province_code: optional(integer({ min: 110000, max: 829999 })),
      city_code: optional(integer({ min: 110000, max: 829999 })),
      county_code: optional(integer({ min: 110000, max: 829999 })),
      community: optional(text({ max: 50 })),
      building: optional(text({ max: 20 })),
      unit: optional(text({ max: 20 })),
      room: optional(text({ max: 20 })),
      // For a re-let (house_type 2): the lease's start and end dates.
      lease_start: optional(isoDate()),
      lease_end: optional(isoDate()),
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
      address: params,
      leaseStart: params.lease_start,
      leaseEnd: params.lease_end,
    }),
);
export const GET = POST;
