// client-safe: the verification forms validate with these rules, so no server imports (scripts/check-layers.ts).
import { z } from "zod";
import { integer, isoDate, oneOf, optional, text } from "@/lib/api/fields";
import { checkIdNumber, idNumberProblemText, normalizeIdNumber } from "@/lib/identity/id-number";

/** A person's name as on an ID card or certificate: 2–30 characters. */
function personName() {
  return text({ max: 30 }).refine((value) => [...value].length >= 2, "应为 2–30 个字符");
}

/** A mainland resident ID number, normalised; the message says which part is wrong. */
export function idNumber() {
  return text({ max: 32 }).transform((value, context) => {
    const problem = checkIdNumber(value);
    if (problem) {
      context.addIssue({ code: "custom", message: idNumberProblemText[problem] });
      return z.NEVER;
    }
    return normalizeIdNumber(value);
  });
}

/**
 * A property certificate number, normalised (no spaces, half-width brackets, upper-case): one
 * owner per number. Real 不动产权证 numbers look like 京(2019)朝阳区不动产权第0012345号.
 */
function certNumber() {
  return text({ max: 64 })
    .transform((value) =>
      value.replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")").toUpperCase(),
    )
    .pipe(
      z
        .string()
        .regex(/^[\p{Script=Han}A-Z0-9()-]{4,50}$/u, "应为 4–50 位汉字、字母、数字、括号或短横线"),
    );
}

/** /api/user_identification's text parameters (its three document images are files). */
export const identityParams = z.object({ realname: personName(), idcardnumber: idNumber() });

/** Rental type of a property verification: 1 own home, 2 sublet (needs the lease). */
const PROPERTY_HOUSE_TYPES = [1, 2] as const;

/** /api/house_identification's text parameters (the certificate and lease are files). */
export const propertyParams = z.object({
  certname: personName(),
  idcardnumber: idNumber(),
  property_cert_number: certNumber(),
  house_type: optional(oneOf(PROPERTY_HOUSE_TYPES)).transform((value) => value ?? 1),
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
});
