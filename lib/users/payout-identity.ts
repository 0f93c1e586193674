import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { identityVerifications } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { idNumberHash } from "@/lib/verifications/identity";

/**
 * Payouts go to the verified person only: once the caller's real-name verification is approved,
 * a payout account's ID number (normalised) must be that same number, not someone else's.
 */
export async function checkPayoutIdNumber(
  userId: number,
  idNumber: string | undefined,
): Promise<void> {
  if (!idNumber) return;
  const approved = await db()
    .select({ idNumberHash: identityVerifications.idNumberHash })
    .from(identityVerifications)
    .where(
      and(eq(identityVerifications.userId, userId), eq(identityVerifications.status, "approved")),
    )
    .get();
  if (approved && approved.idNumberHash !== idNumberHash(idNumber)) {
    throw ApiError.badParam("account_idcardnumber", "须与你实名认证的身份证号一致");
  }
}
