import "server-only";
import { createHmac, randomUUID } from "node:crypto";
import { env, isSandbox } from "@/lib/env";
import { recordOutboxMessage } from "@/lib/outbox/sandbox-outbox";

export interface SmsCodeMessage {
  tel: string;
  code: string;
  purpose: string;
}

/** Sends a verification code; throws when the provider did not accept it. */
export interface SmsSender {
  send(message: SmsCodeMessage): Promise<void>;
}

class SmsProviderError extends Error {}

/** Sandbox: the code goes to the sandbox outbox (`/sandbox/outbox`). */
const sandboxSmsSender: SmsSender = {
  async send({ tel, code, purpose }) {
    await recordOutboxMessage({
      channel: "sms",
      recipient: tel,
      kind: `code:${purpose}`,
      body: `【直租】您的验证码是 ${code}，5 分钟内有效。`,
    });
  },
};

/** Aliyun's percent-encoding: RFC 3986 (also `!'()*`), spaces as %20. */
function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Signature of an Aliyun RPC API call (signature version 1.0): HMAC-SHA1 with
 * `AccessKeySecret + "&"` over `GET&%2F&` + the encoded, sorted query.
 */
export function aliyunSignature(params: Record<string, string>, secret: string): string {
  const query = Object.keys(params)
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key] ?? "")}`)
    .join("&");
  return createHmac("sha1", `${secret}&`)
    .update(`GET&${percentEncode("/")}&${percentEncode(query)}`)
    .digest("base64");
}

/** Live: Aliyun SMS `SendSms` (API version 2017-05-25), the template taking `${code}`. */
export class AliyunSmsSender implements SmsSender {
  constructor(
    private readonly options: {
      accessKeyId: string;
      accessKeySecret: string;
      signName: string;
      templateCode: string;
      endpoint: string;
      now?: () => Date;
    },
  ) {}

  async send({ tel, code }: SmsCodeMessage): Promise<void> {
    const params: Record<string, string> = {
      AccessKeyId: this.options.accessKeyId,
      Action: "SendSms",
      Format: "JSON",
      PhoneNumbers: tel,
      RegionId: "cn-hangzhou",
      SignName: this.options.signName,
      SignatureMethod: "HMAC-SHA1",
      SignatureNonce: randomUUID(),
      SignatureVersion: "1.0",
      TemplateCode: this.options.templateCode,
      TemplateParam: JSON.stringify({ code }),
      Timestamp: (this.options.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z"),
      Version: "2017-05-25",
    };
    const signature = aliyunSignature(params, this.options.accessKeySecret);
    const query = new URLSearchParams({ ...params, Signature: signature });
    let answer: { Code?: string; Message?: string };
    try {
      const response = await fetch(`${this.options.endpoint}/?${query}`, {
        signal: AbortSignal.timeout(10_000),
      });
      answer = (await response.json()) as typeof answer;
    } catch (error) {
      throw new SmsProviderError(`SendSms unreachable: ${(error as Error).message}`);
    }
    if (answer.Code !== "OK")
      throw new SmsProviderError(`SendSms: ${answer.Code} ${answer.Message}`);
  }
}

/**
 * The sender of this deployment: the sandbox outbox, or Aliyun SMS when its four settings are
 * configured (live mode refuses to start with only some of them); null when live mode has no
 * SMS configured, in which case codes cannot be sent and numbers stay unverified.
 */
export function smsSender(): SmsSender | null {
  if (isSandbox()) return sandboxSmsSender;
  const settings = env();
  if (
    !settings.ALIYUN_SMS_ACCESS_KEY_ID ||
    !settings.ALIYUN_SMS_ACCESS_KEY_SECRET ||
    !settings.ALIYUN_SMS_SIGN_NAME ||
    !settings.ALIYUN_SMS_TEMPLATE_CODE
  )
    return null;
  return new AliyunSmsSender({
    accessKeyId: settings.ALIYUN_SMS_ACCESS_KEY_ID,
    accessKeySecret: settings.ALIYUN_SMS_ACCESS_KEY_SECRET,
    signName: settings.ALIYUN_SMS_SIGN_NAME,
    templateCode: settings.ALIYUN_SMS_TEMPLATE_CODE,
    endpoint: settings.ALIYUN_SMS_ENDPOINT,
  });
}
