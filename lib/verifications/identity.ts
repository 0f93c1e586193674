import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { identityVerifications } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { UploadedFile } from "@/lib/api/request";
import { encryptText, keyedHash } from "@/lib/crypto";
import { maskIdNumber } from "@/lib/identity/id-number";
import { log } from "@/lib/log";
import { saveWithDocuments, storeSubmission } from "@/lib/verifications/documents";
import { verificationKinds } from "@/lib/verifications/kinds";

export interface IdentitySubmission {
  realname: string;
  /** Already validated and normalised. */
  idNumber: string;
  portrait: UploadedFile;
  idcardfront: UploadedFile;
  idcardback: UploadedFile;
}

const TAKEN = "该身份证号已被其他账号用于实名认证";

/** The uniqueness key of a normalised ID number: one number, one verified account. */
export function idNumberHash(idNumber: string): string {
  return keyedHash(idNumber, "id-number");
}

/**
 * Real-name verification: one record per user, pending until an admin decides. A pending or
 * rejected record may be resubmitted (back to pending, documents replaced); an approved one
 * may not. The ID number is stored encrypted, with a keyed hash so one number has one owner.
 * Answers the legacy `[realname, idcardnumber]` with the number masked.
 */
export async function submitIdentity(userId: number, input: IdentitySubmission) {
  const hash = idNumberHash(input.idNumber);
  const masked = maskIdNumber(input.idNumber);
  const result = await saveWithDocuments(
    userId,
    { portrait: input.portrait, front: input.idcardfront, back: input.idcardback },
    async (tx, keys) => {
      const existing = await tx
        .select()
        .from(identityVerifications)
        .where(eq(identityVerifications.userId, userId))
        .get();
      if (existing?.status === "approved") throw ApiError.conflict("已通过实名认证，无需重复提交");
      const taken = await tx
        .select({ id: identityVerifications.id })
        .from(identityVerifications)
        .where(
          and(
            eq(identityVerifications.idNumberHash, hash),
            ne(identityVerifications.userId, userId),
          ),
        )
        .get();
      if (taken) throw ApiError.conflict(TAKEN);
      const replacedKeys = await storeSubmission(tx, verificationKinds.identity, existing, {
        userId,
        realName: input.realname,
        idNumberEncrypted: encryptText(input.idNumber),
        idNumberHash: hash,
        idNumberMasked: masked,
        portraitKey: keys.portrait as string,
        frontKey: keys.front as string,
        backKey: keys.back as string,
      });
      return { result: { resubmitted: Boolean(existing) }, replacedKeys };
    },
    TAKEN,
  );
  log.info("verification.identity_submitted", { userId, resubmitted: result.resubmitted });
  return [input.realname, masked];
}
