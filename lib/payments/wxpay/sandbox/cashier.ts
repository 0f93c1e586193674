import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { sandboxWxpayTrades } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { randomToken } from "@/lib/alipay/ids";
import { log } from "@/lib/log";
import { type SandboxWxpayTrade, transactionBody } from "@/lib/payments/wxpay/sandbox/gateway";
import {
  sandboxApiV3Key,
  sandboxMerchantKey,
  sandboxPlatformKey,
} from "@/lib/payments/wxpay/settings";
import {
  encryptResource,
  joinedLines,
  rsaVerify,
  signedHeaders,
} from "@/lib/payments/wxpay/signing";

// The stand-in for the WeChat client's payment sheet: the page's WeixinJSBridge shim opens
// /sandbox/wxpay/cashier with the getBrandWCPayRequest fields; the cashier checks paySign with
// the merchant public key as WeChat does, and 确认支付 marks the order paid and sends the signed,
// AES-GCM encrypted TRANSACTION.SUCCESS notify to its notify_url.

export interface BridgeRequest {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

export type CashierCheck =
  | { ok: true; trade: SandboxWxpayTrade }
  | { ok: false; errMsg: string; reason: string };

export async function checkBridgeRequest(fields: BridgeRequest): Promise<CashierCheck> {
  const prepayId = fields.package.startsWith("prepay_id=") ? fields.package.slice(10) : "";
  const trade = prepayId
    ? await db().query.sandboxWxpayTrades.findFirst({
        where: eq(sandboxWxpayTrades.prepayId, prepayId),
      })
    : undefined;
  const fail = (reason: string): CashierCheck => ({
    ok: false,
    errMsg: "get_brand_wcpay_request:fail",
    reason,
  });
  if (!trade) return fail("prepay_id 不存在");
  if (fields.signType !== "RSA") return fail("signType 应为 RSA");
  if (fields.appId !== trade.appid) return fail("appId 与下单时不一致");
  if (!/^\d{10}$/.test(fields.timeStamp)) return fail("timeStamp 应为 10 位秒级时间戳");
  const message = joinedLines(fields.appId, fields.timeStamp, fields.nonceStr, fields.package);
  if (!rsaVerify(message, fields.paySign, sandboxMerchantKey().publicKey))
    return fail("paySign 签名错误");
  return { ok: true, trade };
}

/** POSTs the signed, encrypted notify for a paid order; stores the merchant's HTTP status. */
async function sendTradeNotify(trade: SandboxWxpayTrade): Promise<number | null> {
  const platform = sandboxPlatformKey();
  const now = new Date();
  const body = JSON.stringify({
    id: `${randomToken(8)}-${trade.id}`,
    create_time: now.toISOString(),
    resource_type: "encrypt-resource",
    event_type: "TRANSACTION.SUCCESS",
    summary: "支付成功",
    resource: encryptResource(
      JSON.stringify(transactionBody(trade)),
      sandboxApiV3Key(),
      "transaction",
      "transaction",
    ),
  });
  let status: number | null = null;
  try {
    const response = await fetch(trade.notifyUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...signedHeaders(body, platform.privateKey, platform.id, now),
      },
      body,
      signal: AbortSignal.timeout(5_000),
    });
    status = response.status;
  } catch (error) {
    log.warn("sandbox.wxpay.notify_failed", { error: String(error) });
  }
  await writeTransaction((tx) =>
    tx
      .update(sandboxWxpayTrades)
      .set({ notifyAnswer: status === null ? "unreachable" : String(status) })
      .where(eq(sandboxWxpayTrades.id, trade.id)),
  );
  return status;
}

/** 确认支付 or 取消 on the sandbox cashier: the err_msg getBrandWCPayRequest reports. */
export async function submitCashier(
  fields: BridgeRequest,
  action: string,
): Promise<{ err_msg: string; reason?: string }> {
  const check = await checkBridgeRequest(fields);
  if (!check.ok) return { err_msg: check.errMsg, reason: check.reason };
  if (action !== "pay") return { err_msg: "get_brand_wcpay_request:cancel" };
  const [paid] = await writeTransaction((tx) =>
    tx
      .update(sandboxWxpayTrades)
      .set({ tradeState: "SUCCESS", successAt: new Date() })
      .where(
        and(eq(sandboxWxpayTrades.id, check.trade.id), eq(sandboxWxpayTrades.tradeState, "NOTPAY")),
      )
      .returning(),
  );
  if (!paid) return { err_msg: "get_brand_wcpay_request:fail", reason: "订单已支付或已关闭" };
  await sendTradeNotify(paid);
  return { err_msg: "get_brand_wcpay_request:ok" };
}
