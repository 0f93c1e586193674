import { type NewUser, verifiedPhones } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { createUser } from "@/tests/helpers";

let sequence = 0;

/** A tenant whose mobile number is verified (as after an SMS code), ready to consent and pay. */
export async function createTenant(values: Partial<NewUser> = {}) {
  sequence += 1;
  const tel =
    values.tel ??
    `139${String(process.pid % 10000).padStart(4, "0")}${String(sequence).padStart(4, "0")}`;
  const created = await createUser({ ...values, tel });
  await writeTransaction((tx) =>
    tx
      .insert(verifiedPhones)
      .values({ userId: created.user.id, tel, verifiedAt: new Date() })
      .run(),
  );
  return { ...created, tel };
}

/** The create_preorder parameter that records the tenant's consent to share their number. */
export const CONSENT = { consent: 1 } as const;
