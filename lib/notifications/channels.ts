import "server-only";
import { env, isSandbox, type TemplateConfig } from "@/lib/env";
import type { NotificationPayload } from "@/lib/notifications/notify";
import { scrubPersonalData } from "@/lib/notifications/templates";
import { recordOutboxMessage } from "@/lib/outbox/sandbox-outbox";
import { officialAccountOpenid } from "@/lib/wechat/identities";
import { wechatAccessToken } from "@/lib/wechat/platform-tokens";

export interface NotificationMessage {
  notificationId: number;
  userId: number;
  kind: string;
  payload: NotificationPayload;
  /** Absolute URL of the page in the app (APP_URL + the notification's link). */
  url: string | null;
}

/**
 * Delivery beyond the inbox. "unreachable" means this user cannot get the message on this
 * channel (no Official Account openid, not subscribed, no template for the kind): the inbox is
 * then the only copy. A transient failure throws, and the delivery step retries later.
 */
export interface NotificationChannel {
  send(message: NotificationMessage): Promise<"sent" | "unreachable">;
}

/** Sandbox: records the message in the sandbox outbox instead of sending it. */
const sandboxOutboxChannel: NotificationChannel = {
  async send(message) {
    await recordOutboxMessage({
      channel: "wechat_template",
      recipient: `user:${message.userId}`,
      kind: message.kind,
      body: scrubPersonalData(JSON.stringify(message.payload)),
      link: message.url,
    });
    return "sent";
  },
};

// Answers of message/template/send that mean "this user cannot receive it", not "try again":
// 40003 invalid openid, 43004 the user does not follow the Official Account, 43101 the user
// refused messages.
const UNREACHABLE_ERRCODES = new Set([40003, 43004, 43101]);

class WechatTemplateError extends Error {}

/** Live: an Official Account template message (`cgi-bin/message/template/send`). */
export class WechatTemplateChannel implements NotificationChannel {
  constructor(
    private readonly options: {
      templates: TemplateConfig;
      findOpenid: (userId: number) => Promise<string | null>;
      accessToken: () => Promise<string>;
      apiBase: string;
      fetch?: typeof fetch;
    },
  ) {}

  async send(message: NotificationMessage): Promise<"sent" | "unreachable"> {
    const template = this.options.templates[message.kind];
    if (!template) return "unreachable";
    const openid = await this.options.findOpenid(message.userId);
    if (!openid) return "unreachable";
    const data: Record<string, { value: string }> = {};
    for (const [field, key] of Object.entries(template.fields)) {
      const value = message.payload[key];
      data[field] = {
        value: scrubPersonalData(value === null || value === undefined ? "" : String(value)),
      };
    }
    const token = await this.options.accessToken();
    const response = await (this.options.fetch ?? fetch)(
      `${this.options.apiBase}/cgi-bin/message/template/send?access_token=${encodeURIComponent(token)}`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          touser: openid,
          template_id: template.template_id,
          ...(message.url ? { url: message.url } : {}),
          data,
        }),
        signal: AbortSignal.timeout(10_000),
      },
    );
    const answer = (await response.json().catch(() => ({}))) as {
      errcode?: number;
      errmsg?: string;
    };
    if (response.ok && (answer.errcode ?? 0) === 0) return "sent";
    if (answer.errcode !== undefined && UNREACHABLE_ERRCODES.has(answer.errcode))
      return "unreachable";
    throw new WechatTemplateError(
      `template/send failed: ${answer.errcode ?? response.status} ${answer.errmsg ?? ""}`,
    );
  }
}

/** Answers "unreachable" for everyone: live mode without template configuration. */
const inboxOnlyChannel: NotificationChannel = { send: async () => "unreachable" };

/** The channel of this deployment: the outbox in sandbox mode, template messages in live mode. */
export function notificationChannel(
  accessToken: () => Promise<string> = () => wechatAccessToken(),
): NotificationChannel {
  if (isSandbox()) return sandboxOutboxChannel;
  const templates = env().WECHAT_TEMPLATES;
  if (!templates) return inboxOnlyChannel;
  return new WechatTemplateChannel({
    templates,
    findOpenid: officialAccountOpenid,
    accessToken,
    apiBase: env().WECHAT_API_BASE,
  });
}
