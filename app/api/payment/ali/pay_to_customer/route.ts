import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { optional, text } from "@/lib/api/fields";
import { defineRoute, Reply } from "@/lib/api/route";
import { yuanToCents } from "@/lib/payments/money";
import { authorizePayout, PAYEE_TYPES, payToCustomer } from "@/lib/payments/payouts";

const MAX_PAYOUT_CENTS = 5_000_000;

const payoutParams = z
  .object({
    order_id: text({ max: 64 }).pipe(
      z.string().regex(/^[0-9A-Za-z_-]+$/, "只能包含字母、数字、_ 和 -"),
    ),
    payee_type: optional(
      z
        .string()
        .transform((value) => value.toUpperCase())
        .pipe(
          z.enum(Object.keys(PAYEE_TYPES) as [keyof typeof PAYEE_TYPES], {
            error: "应为 ALIPAY_USERID、ALIPAY_LOGONID 或 ALIPAY_OPENID",
          }),
        ),
    ).transform((value) => PAYEE_TYPES[value ?? "ALIPAY_USERID"]),
    // "payee_acount" is the legacy spelling; the correct one is accepted too.
    payee_acount: optional(text({ max: 100 })),
    payee_account: optional(text({ max: 100 })),
    payee_name: optional(text({ max: 50 })),
    amount: text({ max: 20 }).transform((value, context) => {
      const cents = yuanToCents(value);
      if (cents === null || cents < 10 || cents > MAX_PAYOUT_CENTS) {
        context.addIssue({
          code: "custom",
          message: "应为 0.10 到 50000.00 之间的金额（元，最多两位小数）",
        });
        return z.NEVER;
      }
      return cents;
    }),
    remark: optional(text({ max: 100 })),
  })
  .transform((value) => ({ ...value, payee: value.payee_account ?? value.payee_acount }));

// GET|POST /api/payment/ali/pay_to_customer – admins or a trusted server (X-Internal-Key) only.
// Parameters are validated only after the caller is authorised, so others learn nothing from them.
export const POST = defineRoute(
  { auth: "optional", params: z.record(z.string(), z.unknown()) },
  async ({ request, user, params: raw }) => {
    const requestedBy = authorizePayout(request, user);
    const params = payoutParams.parse(raw);
    if (!params.payee) throw ApiError.badParam("payee_acount", "缺少此参数");
    const payout = await payToCustomer(
      {
        outBizNo: params.order_id,
        payeeType: params.payee_type,
        payeeAccount: params.payee,
        payeeName: params.payee_name,
        amountCents: params.amount,
        remark: params.remark ?? "请收款",
      },
      requestedBy,
    );
    if (payout.status === "success") return "SUCCESS";
    if (payout.status === "failed") return new Reply("FAILED", payout.resultMessage ?? "转账失败");
    throw ApiError.paymentProvider("转账结果暂未确定，请稍后用同一 order_id 重试");
  },
);
export const GET = POST;
