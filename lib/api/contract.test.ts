import { Ajv2020 } from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeIndex } from "@/app/api/routes.generated";
import { GET as sandboxGateway } from "@/app/api/sandbox/alipay/gateway.do/route";
import { GET as wxpayGateway } from "@/app/api/sandbox/wxpay/v3/[...path]/route";
import { contractOf, openApiDocument } from "@/lib/api/openapi";
import { serveRoutes } from "@/lib/payments/test-support";
import { landlordWithHouse, markViewed, paidViewing, verifiedPayee } from "@/tests/earnings";
import { type CallOptions, call, createUser, jpegBytes, mp4Bytes } from "@/tests/helpers";
import { COMPLETE, landlord, readyDraft } from "@/tests/houses-helpers";
import { CONSENT, createTenant } from "@/tests/viewings";

// Calls every envelope endpoint through its real handler (real SQLite, real files) and checks
// the real answer against the OpenAPI document's schema of that path and method.

const documents = [openApiDocument(routeIndex, "public"), openApiDocument(routeIndex, "operators")];
const ajv = new Ajv2020({ strict: false });
const covered = new Set<unknown>();

// The sandbox Alipay and WeChat Pay gateways over real HTTP, for the payout and the JSAPI order.
const OA_APP_ID = "wx-contract-oa";
let gateway: Awaited<ReturnType<typeof serveRoutes>>;
beforeAll(async () => {
  gateway = await serveRoutes({
    "/api/sandbox/alipay/gateway.do": sandboxGateway,
    "/api/sandbox/wxpay/v3/*": wxpayGateway,
  });
  process.env.APP_URL = gateway.url;
  process.env.WECHAT_APP_ID = OA_APP_ID;
});
afterAll(() => gateway.close());

type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> }> };

function successSchema(path: string, method: "GET" | "POST") {
  for (const document of documents) {
    const operation = document.paths[path]?.[method.toLowerCase()] as Operation | undefined;
    const schema = operation?.responses["200"]?.content?.["application/json"]?.schema;
    if (schema) return { ...schema, components: document.components };
  }
  throw new Error(`${method} ${path} is not in the documents`);
}

/** Calls /api/<path> (or its legacy path) and returns `ans` once it matched the document. */
async function check(path: string, options: Omit<CallOptions, "path"> = {}) {
  const method = options.method ?? (options.form || options.json || options.files ? "POST" : "GET");
  const entry = routeIndex.find((each) => each.path === path);
  const handler = entry?.module[method] as (request: Request) => Promise<Response>;
  const calledPath = options.legacy ? path.replace(/^\/api/, "") : path;
  const { body } = await call(handler, { ...options, method, path });
  expect(body.status, `${method} ${calledPath}: ${body.msg}`).toBe(0);
  const validate = ajv.compile(successSchema(calledPath, method));
  expect(validate(body) ? [] : validate.errors, `${method} ${calledPath}`).toEqual([]);
  covered.add(handler);
  return body.ans;
}

const jpeg = async (field: string) => ({
  field,
  name: `${field}.jpg`,
  type: "image/jpeg",
  data: await jpegBytes(),
});

describe("every endpoint's real answer matches the OpenAPI document", () => {
  afterAll(() => {
    // Every envelope endpoint (raw answers are checked by their own tests); GET and POST are
    // mostly one handler.
    const missing = routeIndex.flatMap((entry) =>
      (["GET", "POST"] as const).flatMap((method) => {
        const handler = entry.module[method];
        const contract = contractOf(handler);
        const envelope = contract && "parse" in contract.answer;
        return envelope && !covered.has(handler) ? [`${method} ${entry.path}`] : [];
      }),
    );
    expect(missing).toEqual([]);
  });

  it("for a landlord's, a tenant's and an admin's whole journey", async () => {
    await check("/api/health");
    const login = await check("/api/wx_fetch_userinfo", { form: { openid: "contract-landlord" } });
    const token = login.token as string;
    await check("/api/fetch_userinfo", { token, legacy: true });
    await check("/api/create_userinfo", {
      token,
      form: { nickname: "王先生", sex: 1, user_type: 1 },
      files: [await jpeg("portrait")],
    });
    await check("/api/invitation/getcode", { token });
    const friend = await createUser();
    const friendCode = (await check("/api/invitation/getcode", { token: friend.token }))
      .my_invite_code as string;
    await check("/api/invitation/setcode", { token, form: { invite_code: friendCode } });

    const houseId = (await check("/api/house_create", { token, form: COMPLETE })).house_id;
    await check("/api/update_house_info", {
      token,
      form: { house_id: houseId, attr_name: "house_rent", attr_value: 2600 },
    });
    const photos = await check("/api/create_house_photo", {
      token,
      form: { house_id: houseId, rooms_type: 3 },
      files: [await jpeg("house_photo"), await jpeg("house_photo")],
    });
    await check("/api/update_house_photo", {
      token,
      form: { photo_id: photos.id[0] },
      files: [await jpeg("house_photo")],
    });
    await check("/api/set_house_photo_order", {
      token,
      form: { house_id: houseId, photo_ids: [...photos.id].reverse().join("|") },
    });
    const video = { field: "house_video", name: "v.mp4", type: "video/mp4", data: mp4Bytes() };
    const videoId = (
      await check("/api/create_house_video", {
        token,
        form: { house_id: houseId },
        files: [video],
      })
    ).id;
    await check("/api/update_house_video", { token, form: { video_id: videoId }, files: [video] });
    await check("/api/house_release", { token, form: { house_id: houseId } });
    await check("/api/house_detail", { query: { house_id: houseId } });
    await check("/api/my_house_list", { token });
    await check("/api/place_search", { token, query: { keyword: "锦江", city: "成都市" } });
    await check("/api/search_house", { query: { longitude: 104.08, latitude: 30.65 } });
    await check("/api/search_map", {
      query: { bbox: "103,30,105,31", zoom: 12 },
    });
    await check("/api/search_count", { query: { longitude: 104.08, latitude: 30.65 } });
    await check("/api/wechat/jssdk_config", { query: { url: `${gateway.url}/houses/${houseId}` } });

    const tenant = await createTenant();
    const requestId = await check("/api/order/create_preorder", {
      token: tenant.token,
      form: {
        owner_id: login.id,
        house_id: houseId,
        ...CONSENT,
        preferred_date: "2099-01-01",
        preferred_slot: "morning",
      },
    });
    await check("/api/order/list", { token: tenant.token });
    const { wechatIdentities } = await import("@/db/schema");
    const { writeTransaction } = await import("@/db/write");
    await writeTransaction((tx) =>
      tx
        .insert(wechatIdentities)
        .values({ userId: tenant.user.id, appid: OA_APP_ID, openid: `oa-${tenant.user.id}` })
        .run(),
    );
    await check("/api/order/get_preorder_wxpay_params", {
      token: tenant.token,
      form: { pre_order_id: requestId },
    });
    await check("/api/favorite", { token: tenant.token, form: { house_id: houseId } });
    await check("/api/my_favorites", { token: tenant.token });
    await check("/api/my_house_stats", { token });
    await check("/api/sms/send_code", {
      token: tenant.token,
      form: { tel: "13800138000", purpose: "profile" },
    });
    await check("/api/notification/list", { token: tenant.token });
    await check("/api/notification/read", { token: tenant.token, form: { ids: "1" } });
    await check("/api/notification/read_all", { token: tenant.token });
    await check("/api/order/detail", { token, form: { pre_order_id: requestId } });
    await check("/api/order/get_preorder_paymenturl", {
      token: tenant.token,
      form: { pre_order_id: requestId, return_url: `${gateway.url}/pay/return` },
    });
    await check("/api/payment/ali/binding_status", { token });
    await check("/api/payment/ali/get_auth_url", { token });
    await check("/api/payment/ali/zhima_detail", { token });
    await check("/api/payment/ali/zhima", { token, form: { refresh: "N" } });

    await check("/api/user_identification", {
      token,
      form: { realname: "王先生", idcardnumber: "11010519491231002X" },
      files: await Promise.all(["portrait", "idcardfront", "idcardback"].map(jpeg)),
    });
    await check("/api/house_identification", {
      token,
      form: {
        certname: "王先生",
        idcardnumber: "11010519491231002X",
        property_cert_number: "川2024成都市第0001号",
      },
      files: [await jpeg("property_cert_photo")],
    });
    await check("/api/verification_status", { token });
    const admin = await landlord();
    const { db } = await import("@/db");
    const { users } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    await db().update(users).set({ role: "admin" }).where(eq(users.id, admin.user.id));
    const queue = await check("/api/admin/verifications", { token: admin.token });
    await check("/api/admin/verification_decide", {
      token: admin.token,
      form: {
        type: "identity",
        id: queue.identity[0].id,
        decision: "reject",
        reason: "照片不清晰",
      },
    });
    const propertyId = (await check("/api/verification_status", { token })).property[0].id;
    await check("/api/link_house_verification", {
      token,
      form: { house_id: houseId, property_verification_id: propertyId },
    });
    await check("/api/admin/verification_decide", {
      token: admin.token,
      form: { type: "property", id: propertyId, decision: "approve" },
    });
    await check("/api/confirm_house_available", { token, form: { house_id: houseId } });

    // A second landlord's listing with the same photo is held as a copy; a tenant reports it.
    const copier = await landlord();
    const copyId = await readyDraft(copier.token);
    await check("/api/house_release", { token: copier.token, form: { house_id: copyId } });
    await check("/api/moderation/report", {
      token: tenant.token,
      form: { house_id: copyId, reason: 2, text: "照片是别人的" },
    });
    const moderation = await check("/api/admin/moderation", { token: admin.token });
    expect(moderation.items.map((item: { listing: { id: number } }) => item.listing.id)).toContain(
      copyId,
    );
    await check("/api/admin/moderation_decide", {
      token: admin.token,
      form: { house_id: copyId, decision: "take_down", reason: "照片与其他房东的房源相同" },
    });
    await check("/api/moderation/appeal", {
      token: copier.token,
      form: { house_id: copyId, text: "照片是我自己拍的" },
    });

    await check("/api/payment/ali/pay_to_customer", {
      token: admin.token,
      form: {
        order_id: "P-contract",
        payee_type: "ALIPAY_USERID",
        payee_acount: "2088123412341234",
        amount: "12.34",
      },
    });

    // Earnings: a settled fee's share, withdrawn above the automatic limit and approved.
    const earner = await landlordWithHouse();
    const payer = await createUser();
    await verifiedPayee(earner.landlord.user.id);
    const fee = await paidViewing({
      ownerId: earner.landlord.user.id,
      houseId: earner.house.id,
      tenantId: payer.user.id,
      feeCents: 200_000,
    });
    await markViewed(fee.requestId);
    await check("/api/wallet", { token: earner.landlord.token });
    await check("/api/wallet/entries", { token: earner.landlord.token, query: { count: 5 } });
    const withdrawal = await check("/api/wallet/withdraw", {
      token: earner.landlord.token,
      form: { amount: "900.00" },
    });
    await check("/api/wallet/withdrawals", { token: earner.landlord.token });
    await check("/api/admin/withdrawals", { token: admin.token });
    await check("/api/admin/withdrawal_decide", {
      token: admin.token,
      form: { id: withdrawal.id, decision: "approve" },
    });
    // After the fee is paid: the landlord proposes a time, the tenant accepts, asks for a refund,
    // the landlord contests, an admin rejects, and the tenant confirms the viewing.
    const { paymentAttempts } = await import("@/db/schema");
    const { settlePaid } = await import("@/lib/payments/settlement");
    const { writeTransaction: write } = await import("@/db/write");
    const [attempt] = await db()
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.viewingRequestId, requestId));
    if (!attempt) throw new Error("no attempt");
    await write((tx) => settlePaid(tx, attempt, "T-contract"));
    const order = { pre_order_id: requestId };
    await check("/api/order/landlord_respond", {
      token,
      form: { ...order, response: "propose", date: "2099-01-02", slot: "evening" },
    });
    await check("/api/order/respond_to_proposal", {
      token: tenant.token,
      form: { ...order, answer: "accept" },
    });
    await check("/api/order/request_refund", {
      token: tenant.token,
      form: { ...order, reason: "no_show" },
    });
    await check("/api/order/refund_decision", {
      token,
      form: { ...order, decision: "contest", reason: "已按约定时间到场" },
    });
    await check("/api/admin/disputes", { token: admin.token });
    await check("/api/admin/dispute_decide", {
      token: admin.token,
      form: { ...order, decision: "reject", reason: "房东提供了到场记录" },
    });
    await check("/api/order/confirm_viewing", { token: tenant.token, form: order });

    await check("/api/pulloff_house", { token, form: { house_id: houseId } });
    await check("/api/delete_house_photo", { token, form: { photo_id: photos.id[1] } });
    await check("/api/delete_house_video", { token, form: { video_id: videoId } });
    await check("/api/delete_house_info", { token, form: { house_id: houseId } });
    await check("/api/logout", { token });
  });
});
