import { z } from "zod";
import { pageParams } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { walletEntriesAnswer } from "@/lib/earnings/answers";
import { walletEntries } from "@/lib/earnings/wallet";

// GET|POST /api/wallet/entries – my ledger entries, newest first (`shift`, `count`), with 来源.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object(pageParams({ maxShift: 1_000_000, maxCount: 100, count: 20 })),
    answer: walletEntriesAnswer,
  },
  async ({ user, params }) => walletEntries(user.id, params),
);
export const GET = POST;
