import "server-only";
import { eq, type SQL } from "drizzle-orm";
import { identityVerifications, propertyVerifications } from "@/db/schema";

// The two kinds of verification share one flow (submit, review, decide, purge the documents
// after retention); a kind names only what differs: its table and its document images.

export type VerificationType = "identity" | "property";

/** Both tables carry the shared review columns (db/schema/users.ts reviewColumns). */
export type VerificationTable = typeof identityVerifications | typeof propertyVerifications;

export interface VerificationKind<Table extends VerificationTable, Row = Table["$inferSelect"]> {
  table: Table;
  /** The private document images of a submission (null where an optional one is absent). */
  documentKeys: (row: Row) => (string | null)[];
  /**
   * Whether the row still holds the documents `row` held: a resubmission stores new ones under
   * fresh keys, so the always-present first document identifies the set.
   */
  sameDocuments: (row: Row) => SQL;
}

const identity: VerificationKind<typeof identityVerifications> = {
  table: identityVerifications,
  documentKeys: (row) => [row.portraitKey, row.frontKey, row.backKey],
  sameDocuments: (row) => eq(identityVerifications.portraitKey, row.portraitKey),
};

const property: VerificationKind<typeof propertyVerifications> = {
  table: propertyVerifications,
  documentKeys: (row) => [row.certPhotoKey, row.leasePhotoKey],
  sameDocuments: (row) => eq(propertyVerifications.certPhotoKey, row.certPhotoKey),
};

export const verificationKinds = { identity, property };
