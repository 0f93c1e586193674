import "server-only";
import { eq } from "drizzle-orm";
import { propertyVerifications } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { UploadedFile } from "@/lib/api/request";
import { encryptText } from "@/lib/crypto";
import { divisionColumns } from "@/lib/houses/listing";
import { maskIdNumber } from "@/lib/identity/id-number";
import { log } from "@/lib/log";
import { fileUrl } from "@/lib/storage";
import { saveWithDocuments, storeSubmission } from "@/lib/verifications/documents";
import { verificationKinds } from "@/lib/verifications/kinds";

export interface PropertySubmission {
  certname: string;
  /** Already validated and normalised. */
  idNumber: string;
  certNumber: string;
  houseType: 1 | 2;
  certPhoto: UploadedFile;
  /** Required for house type 2 (re-letting a leased home); ignored for type 1. */
  leasePhoto?: UploadedFile;
  /** The property's address as on the certificate; optional for legacy clients. */
  address?: {
    province_code?: number;
    city_code?: number;
    county_code?: number;
    community?: string;
    building?: string;
    unit?: string;
    room?: string;
  };
  /** For house type 2: the lease's first and last day (YYYY-MM-DD). */
  leaseStart?: string;
  leaseEnd?: string;
}

const CLAIMED = "该房产证号已被其他用户提交认证，如有疑问请联系客服";

/**
 * Landlord property verification, one record per certificate number. Unlike the legacy
 * upsert, a number claimed by another user is a conflict and that record is never touched;
 * the same user resubmitting it updates their own record (pending again).
 * Answers the legacy `[certname, idcardnumber, cert number, cert photo, lease photo]`.
 */
export async function submitProperty(userId: number, input: PropertySubmission) {
  const masked = maskIdNumber(input.idNumber);
  const address = input.address ?? {};
  const divisionsOf = await divisionColumns(
    {
      province_code: address.province_code,
      city_code: address.city_code,
      county_code: address.county_code,
    },
    null,
  );
  const relet = input.houseType === 2;
  if (relet && input.leaseStart && input.leaseEnd && input.leaseEnd < input.leaseStart)
    throw ApiError.badParam("lease_end", "不能早于租约开始日期 lease_start");
  const keys = await saveWithDocuments(
    userId,
    { cert: input.certPhoto, lease: input.houseType === 2 ? input.leasePhoto : undefined },
    async (tx, keys) => {
      const existing = await tx
        .select()
        .from(propertyVerifications)
        .where(eq(propertyVerifications.certNumber, input.certNumber))
        .get();
      if (existing && existing.userId !== userId) throw ApiError.conflict(CLAIMED);
      const replacedKeys = await storeSubmission(tx, verificationKinds.property, existing, {
        userId,
        certName: input.certname,
        idNumberEncrypted: encryptText(input.idNumber),
        idNumberMasked: masked,
        certNumber: input.certNumber,
        houseType: input.houseType,
        certPhotoKey: keys.cert as string,
        leasePhotoKey: keys.lease,
        provinceCode: divisionsOf.provinceCode ?? null,
        cityCode: divisionsOf.cityCode ?? null,
        countyCode: divisionsOf.countyCode ?? null,
        community: address.community ?? null,
        building: address.building ?? null,
        unit: address.unit ?? null,
        room: address.room ?? null,
        leaseStart: relet ? (input.leaseStart ?? null) : null,
        leaseEnd: relet ? (input.leaseEnd ?? null) : null,
      });
      return { result: keys, replacedKeys };
    },
    CLAIMED,
  );
  log.info("verification.property_submitted", { userId, houseType: input.houseType });
  return [
    input.certname,
    masked,
    input.certNumber,
    fileUrl(keys.cert) ?? "",
    fileUrl(keys.lease) ?? "",
  ];
}
