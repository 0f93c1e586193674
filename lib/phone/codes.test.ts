import { describe, expect, it } from "vitest";
import { rawStatement } from "@/db";
import { writeTransaction } from "@/db/write";
import { Status } from "@/lib/api/errors";
import { latestOutboxMessages } from "@/lib/outbox/sandbox-outbox";
import {
  CODE_TTL_MS,
  consumePhoneCode,
  LIMITS,
  MAX_WRONG_GUESSES,
  sendPhoneCode,
  writeWithPhoneCode,
} from "@/lib/phone/codes";
import { createUser } from "@/tests/helpers";

let telSequence = 0;
/** A fresh number per test, so the per-number limits do not carry over. */
function freshTel(): string {
  telSequence += 1;
  return `139${String(10_000_000 + telSequence * 7919).slice(-8)}`;
}

const t0 = new Date("2026-03-01T08:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

/** Sends a code and reads it back from the sandbox outbox, as a person would. */
async function sendAndRead(tel: string, userId: number, now = t0, clientAddress = "10.0.0.1") {
  await sendPhoneCode({ tel, purpose: "profile", userId, clientAddress, now });
  const message = (await latestOutboxMessages(1))[0]!;
  expect(message).toMatchObject({ channel: "sms", recipient: tel, kind: "code:profile" });
  return /验证码是 (\d{6})/.exec(message.body)![1]!;
}

const consume = (userId: number, tel: string, code: string, now: Date) =>
  writeWithPhoneCode((tx) => consumePhoneCode(tx, { userId, tel, purpose: "profile", code, now }));

describe("SMS codes", () => {
  it("stores the code, number and client address only as keyed hashes", async () => {
    const { user } = await createUser();
    const tel = freshTel();
    const code = await sendAndRead(tel, user.id);
    const dump = JSON.stringify(await rawStatement("SELECT * FROM phone_codes").all());
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(tel);
    expect(dump).not.toContain("10.0.0.1");
  });

  it("is valid for five minutes and only once", async () => {
    const { user } = await createUser();
    const tel = freshTel();
    const code = await sendAndRead(tel, user.id);
    await expect(consume(user.id, tel, code, at(CODE_TTL_MS))).rejects.toMatchObject({
      status: Status.badParam,
    });
    const second = await sendAndRead(tel, user.id, at(CODE_TTL_MS + 60_000));
    await consume(user.id, tel, second, at(CODE_TTL_MS + 61_000));
    await expect(consume(user.id, tel, second, at(CODE_TTL_MS + 62_000))).rejects.toThrow(
      "验证码错误",
    );
  });

  it("is consumed only if the caller's transaction commits", async () => {
    const { user } = await createUser();
    const tel = freshTel();
    const code = await sendAndRead(tel, user.id);
    await expect(
      writeTransaction(async (tx) => {
        await consumePhoneCode(tx, {
          userId: user.id,
          tel,
          purpose: "profile",
          code,
          now: at(1000),
        });
        throw new Error("the change it authorised failed");
      }),
    ).rejects.toThrow("failed");
    await consume(user.id, tel, code, at(2000));
  });

  it("is voided after too many wrong guesses, and works only for its user", async () => {
    const { user } = await createUser();
    const other = await createUser();
    const tel = freshTel();
    const code = await sendAndRead(tel, user.id);
    await expect(consume(other.user.id, tel, code, at(1000))).rejects.toThrow("验证码错误");
    const wrong = code === "000000" ? "000001" : "000000";
    for (let guess = 0; guess < MAX_WRONG_GUESSES; guess += 1)
      await expect(consume(user.id, tel, wrong, at(1000))).rejects.toThrow("验证码错误");
    await expect(consume(user.id, tel, code, at(2000))).rejects.toThrow("验证码错误");
  });

  it("limits each number to one code a minute and ten a day", async () => {
    const { user } = await createUser();
    const tel = freshTel();
    const send = (now: Date) =>
      sendPhoneCode({ tel, purpose: "profile", userId: user.id, clientAddress: tel, now });
    await send(t0);
    await expect(send(at(59_000))).rejects.toMatchObject({ status: Status.rateLimited });
    for (let i = 1; i < LIMITS.perNumberDay; i += 1) await send(at(i * 60_000));
    await expect(send(at(LIMITS.perNumberDay * 60_000))).rejects.toMatchObject({
      status: Status.rateLimited,
    });
    // a day after the first, one more is allowed
    await send(at(24 * 60 * 60_000 + 1));
  });

  it("limits each client address across numbers", async () => {
    const { user } = await createUser();
    const send = (tel: string) =>
      sendPhoneCode({
        tel,
        purpose: "viewing",
        userId: user.id,
        clientAddress: "203.0.113.9",
        now: t0,
      });
    for (let i = 0; i < LIMITS.perClientDay; i += 1) await send(freshTel());
    await expect(send(freshTel())).rejects.toMatchObject({ status: Status.rateLimited });
  });

  it("is status 11 when the provider refuses, or when no SMS provider is configured", async () => {
    const { user } = await createUser();
    const input = { purpose: "profile" as const, userId: user.id, clientAddress: "x", now: t0 };
    const failing = { send: async () => Promise.reject(new Error("isv.BUSINESS_LIMIT_CONTROL")) };
    await expect(
      sendPhoneCode({ ...input, tel: freshTel(), sender: failing }),
    ).rejects.toMatchObject({ status: Status.paymentProvider });
    await expect(sendPhoneCode({ ...input, tel: freshTel(), sender: null })).rejects.toMatchObject({
      status: Status.paymentProvider,
    });
  });
});
