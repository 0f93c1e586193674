import { db } from "@/db";
import { identityVerifications, privateFileAccessLog, propertyVerifications } from "@/db/schema";
import { issueToken, revokeToken, TOKEN_TTL_MS } from "@/lib/auth/tokens";
import {
  createUser,
  htmlBytes,
  jpegBytes,
  pngBytes,
  storedFiles,
  type TestFile,
} from "@/tests/helpers";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Appends the GB 11643 check digit to 17 digits. */
export function withCheckDigit(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(first17[index]), 0);
  return first17 + "10X98765432"[sum % 11];
}

export const image = (field: string, data: Buffer): TestFile => ({
  field,
  name: `${field}.jpg`,
  type: "image/jpeg",
  data,
});

/** The same field name with HTML inside, posing as a JPEG. */
export const htmlAsJpeg = (field: string): TestFile => ({
  field,
  name: `${field}.jpg`,
  type: "image/jpeg",
  data: htmlBytes,
});

/** 10 MB + 1 byte that starts like a JPEG. */
export async function oversizeImage(field: string): Promise<TestFile> {
  const head = await jpegBytes();
  return image(field, Buffer.concat([head, Buffer.alloc(10 * 1024 * 1024 + 1 - head.length)]));
}

export async function identityFiles(): Promise<TestFile[]> {
  return [
    image("portrait", await jpegBytes()),
    image("idcardfront", await jpegBytes(80, 50)),
    { field: "idcardback", name: "back.png", type: "image/png", data: await pngBytes() },
  ];
}

/** Everything a failed request must leave untouched. */
export async function snapshot() {
  return {
    identity: await db().select().from(identityVerifications),
    property: await db().select().from(propertyVerifications),
    files: storedFiles(),
  };
}

export async function accessLog() {
  return db().select().from(privateFileAccessLog);
}

/** A user with an expired token and one with a revoked token, for the auth checks. */
export async function badTokens() {
  const { user } = await createUser();
  const expired = await issueToken(user.id, new Date(Date.now() - TOKEN_TTL_MS - 1000));
  const revoked = await issueToken(user.id);
  await revokeToken(revoked);
  return { expired, revoked };
}
