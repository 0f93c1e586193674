import "server-only";
import type { Payout } from "@/db/schema";
import type { WriteTx } from "@/db/write";
import { post } from "@/lib/earnings/ledger";

/**
 * A manual transfer (`pay_to_customer`) that succeeded: a platform expense paid from the
 * platform's funds, recorded with the admin or the internal key that sent it.
 */
export async function bookPlatformPayout(
  tx: WriteTx,
  payout: Payout,
  sender: { userId: number | null; via: "admin" | "internal_key" },
): Promise<void> {
  if (payout.status !== "success") return;
  await post(tx, {
    eventKey: `platform_payout:${payout.id}`,
    kind: "platform_payout",
    at: new Date(),
    payoutId: payout.id,
    memo: { requested_by: sender.userId, via: sender.via, out_biz_no: payout.outBizNo },
    lines: [
      { account: "payout_expense", amountCents: payout.amountCents },
      { account: "provider_funds", amountCents: -payout.amountCents },
    ],
  });
}
