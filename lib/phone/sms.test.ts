import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AliyunSmsSender, aliyunSignature } from "@/lib/phone/sms";

describe("Aliyun SMS", () => {
  it("signs as Aliyun's documented SendSms example", () => {
    const params = {
      AccessKeyId: "testId",
      Action: "SendSms",
      Format: "XML",
      OutId: "123",
      PhoneNumbers: "15300000001",
      RegionId: "cn-hangzhou",
      SignName: "阿里云短信测试专用",
      SignatureMethod: "HMAC-SHA1",
      SignatureNonce: "45e25e9b-0a6f-4070-8c85-2956eda1b466",
      SignatureVersion: "1.0",
      TemplateCode: "SMS_71390007",
      TemplateParam: '{"customer":"test"}',
      Timestamp: "2017-07-12T02:42:19Z",
      Version: "2017-05-25",
    };
    expect(aliyunSignature(params, "testSecret")).toBe("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
  });

  describe("against a local stand-in", () => {
    const requests: URLSearchParams[] = [];
    let answer = { Code: "OK", Message: "OK" };
    const server = http.createServer((request, response) => {
      requests.push(new URL(request.url ?? "/", "http://x").searchParams);
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(answer));
    });
    beforeAll(() => new Promise<void>((resolve) => server.listen(3202, "127.0.0.1", resolve)));
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const sender = new AliyunSmsSender({
      accessKeyId: "id",
      accessKeySecret: "secret",
      signName: "直租",
      templateCode: "SMS_1",
      endpoint: "http://127.0.0.1:3202",
      now: () => new Date("2026-03-01T08:00:00.123Z"),
    });

    it("sends the code in the template parameter with a valid signature", async () => {
      await sender.send({ tel: "13800138000", code: "123456", purpose: "profile" });
      const query = requests.at(-1)!;
      expect(query.get("PhoneNumbers")).toBe("13800138000");
      expect(query.get("TemplateParam")).toBe('{"code":"123456"}');
      expect(query.get("Timestamp")).toBe("2026-03-01T08:00:00Z");
      const signature = query.get("Signature");
      query.delete("Signature");
      expect(aliyunSignature(Object.fromEntries(query), "secret")).toBe(signature);
    });

    it("throws when Aliyun refuses", async () => {
      answer = { Code: "isv.MOBILE_NUMBER_ILLEGAL", Message: "非法手机号" };
      await expect(
        sender.send({ tel: "13800138000", code: "123456", purpose: "profile" }),
      ).rejects.toThrow("isv.MOBILE_NUMBER_ILLEGAL");
    });
  });
});
