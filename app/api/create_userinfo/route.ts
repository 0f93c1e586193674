import { emptyAnswer } from "@/lib/api/answers";
import { defineRoute } from "@/lib/api/route";
import { MAX_IMAGE_BYTES } from "@/lib/storage/images";
import { profileParams } from "@/lib/users/profile-fields";
import { saveProfile } from "@/lib/users/save-profile";

// GET|POST /api/create_userinfo – saves the caller's profile, portrait and payout account.
export const POST = defineRoute(
  {
    auth: "user",
    params: profileParams,
    files: { portrait: { maxBytes: MAX_IMAGE_BYTES } },
    answer: emptyAnswer,
  },
  async ({ user, params, files }) => saveProfile(user.id, params, files.portrait?.[0]),
);
export const GET = POST;
