import { submittedNameAnswer } from "@/lib/api/answers";
import { defineRoute } from "@/lib/api/route";
import { documentRule, requiredFile } from "@/lib/verifications/documents";
import { identityParams } from "@/lib/verifications/fields";
import { submitIdentity } from "@/lib/verifications/identity";

// GET|POST /api/user_identification – real-name verification (multipart), pending review.
export const POST = defineRoute(
  {
    auth: "user",
    answer: submittedNameAnswer,
    params: identityParams,
    files: { portrait: documentRule, idcardfront: documentRule, idcardback: documentRule },
  },
  async ({ user, params, files }) =>
    submitIdentity(user.id, {
      realname: params.realname,
      idNumber: params.idcardnumber,
      portrait: requiredFile(files, "portrait"),
      idcardfront: requiredFile(files, "idcardfront"),
      idcardback: requiredFile(files, "idcardback"),
    }),
);
export const GET = POST;
