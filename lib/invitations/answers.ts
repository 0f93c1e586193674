import { z } from "zod";

// Answer schema (the API contract) of /invitation/getcode and /invitation/setcode.

export const inviteCodesAnswer = z.object({
  my_invite_code: z.string(),
  friend_invite_code: z
    .union([z.string(), z.literal(-1)])
    .describe("the friend's code I entered; the number -1 while none was entered"),
});
