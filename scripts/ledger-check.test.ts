import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { paymentAttempts, viewingRequests } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { landlordWithHouse, markViewed, paidViewing, refundConfirmed } from "@/tests/earnings";
import { createUser } from "@/tests/helpers";

const run = promisify(execFile);

// The README's command, run against this test's DATA_DIR.
function ledgerCheck() {
  return run("npm", ["run", "--silent", "ledger:check"], { env: process.env }).then(
    (done) => ({ code: 0, out: done.stdout + done.stderr }),
    (failed: { code: number; stdout: string; stderr: string }) => ({
      code: failed.code,
      out: failed.stdout + failed.stderr,
    }),
  );
}

describe("npm run ledger:check", () => {
  it("passes when every fee, refund and payout is booked, and fails on a payment the ledger lacks", async () => {
    const { landlord, house } = await landlordWithHouse();
    for (let index = 0; index < 3; index += 1) {
      const tenant = await createUser();
      const paid = await paidViewing({
        ownerId: landlord.user.id,
        houseId: house.id,
        tenantId: tenant.user.id,
      });
      if (index === 0) await markViewed(paid.requestId);
      if (index === 1) await refundConfirmed(paid.attempt);
    }
    const clean = await ledgerCheck();
    expect(clean).toMatchObject({ code: 0 });
    expect(clean.out).toContain("the ledger agrees");

    // A fee marked paid behind the ledger's back: the yuan that came in is not accounted for.
    const tenant = await createUser();
    await writeTransaction(async (tx) => {
      const [request] = await tx
        .insert(viewingRequests)
        .values({
          houseId: house.id,
          ownerId: landlord.user.id,
          tenantId: tenant.user.id,
          status: 2,
        })
        .returning();
      await tx.insert(paymentAttempts).values({
        viewingRequestId: request?.id ?? 0,
        outTradeNo: `UNBOOKED${request?.id}`,
        amountCents: 1000,
        status: "paid",
        paidAt: new Date(),
      });
    });
    const broken = await ledgerCheck();
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/payment attempt \d+: expected 1000 cents, ledger has \[\]/);
  });
});
