import { z } from "zod";
import { integer, optional } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { walletEntriesAnswer } from "@/lib/earnings/answers";
import { walletEntries } from "@/lib/earnings/wallet";

// GET|POST /api/wallet/entries – my ledger entries, newest first (`shift`, `count`), with 来源.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({
      shift: optional(integer({ min: 0, max: 1_000_000 })).transform((value) => value ?? 0),
      count: optional(integer({ min: 1, max: 100 })).transform((value) => value ?? 20),
    }),
    answer: walletEntriesAnswer,
  },
  async ({ user, params }) => walletEntries(user.id, params),
);
export const GET = POST;
