import "server-only";
import { z } from "zod";
import { optional, text } from "@/lib/api/fields";
import { yuanToCents } from "@/lib/payments/money";
import { PAYEE_TYPES, type PayoutRequest } from "@/lib/payments/payouts";

// Parameters of /payment/ali/pay_to_customer, as the legacy doc names them.

const MAX_PAYOUT_CENTS = 5_000_000;

export const payoutParams = z
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
  .transform((value, context): PayoutRequest => {
    const payeeAccount = value.payee_account ?? value.payee_acount;
    if (!payeeAccount) {
      context.addIssue({ code: "custom", path: ["payee_acount"], message: "缺少此参数" });
      return z.NEVER;
    }
    return {
      outBizNo: value.order_id,
      payeeType: value.payee_type,
      payeeAccount,
      payeeName: value.payee_name,
      amountCents: value.amount,
      remark: value.remark ?? "请收款",
    };
  });
