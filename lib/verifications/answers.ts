import { z } from "zod";

// Answer schemas (the API contract) shared by the verification endpoints.

export const reviewState = z.enum(["pending", "approved", "rejected"]);

/** The certificate's address and, for a re-let, the lease dates (null for legacy submissions). */
export const propertyAddressFields = {
  address: z.string().describe("community, building, unit, room as on the certificate"),
  province_code: z.number().int().nullable(),
  city_code: z.number().int().nullable(),
  county_code: z.number().int().nullable(),
  lease_start: z.string().nullable(),
  lease_end: z.string().nullable(),
  documents_deleted: z.boolean(),
};
