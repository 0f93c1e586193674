import { POST as paymentUrl } from "@/app/api/order/get_preorder_paymenturl/route";
import { type NewUser, verifiedPhones } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { call, createUser } from "@/tests/helpers";

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

/**
 * Pays the request's fee through the built-in Alipay sandbox at `serverUrl` (see
 * `servePaymentSandboxes`): payment URL, sandbox checkout, signed notify.
 */
export async function payWithAlipaySandbox(serverUrl: string, token: string, requestId: number) {
  const url = await call(paymentUrl, {
    token,
    form: { pre_order_id: requestId, return_url: `${serverUrl}/pay/return` },
  });
  const opened = await fetch((url.body.ans as { payment_url: string }).payment_url, {
    redirect: "manual",
  });
  const ticket = new URL(opened.headers.get("location") ?? "").searchParams.get("ticket") ?? "";
  await fetch(`${serverUrl}/api/sandbox/alipay/checkout`, {
    method: "POST",
    body: new URLSearchParams({ ticket, action: "pay" }),
    redirect: "manual",
  });
}
