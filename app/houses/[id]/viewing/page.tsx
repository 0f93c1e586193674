import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { PageShell } from "@/components/ui/page-shell";
import { ViewingRequestFlow } from "@/components/viewing/viewing-request-flow";
import { WxpaySandboxBridge } from "@/components/viewing/wxpay-sandbox-bridge";
import { pageUser } from "@/lib/auth/next-auth";
import { env, isSandbox } from "@/lib/env";
import { coverPhoto } from "@/lib/houses/cover";
import { publishedHouse } from "@/lib/houses/published-house";
import { centsToYuan } from "@/lib/payments/money";
import { wxpaySettings } from "@/lib/payments/wxpay/settings";
import { verifiedTelOf } from "@/lib/viewings/consent";
import { isWechatBrowser } from "@/lib/wechat/user-agent";

export const metadata: Metadata = { title: "预约看房" };

type Props = { params: Promise<{ id: string }> };

export default async function ViewingRequestPage({ params }: Props) {
  const { id } = await params;
  const house = await publishedHouse(id);
  if (!house?.owner) notFound();
  const viewer = await pageUser();
  if (!viewer) redirect(`/login?callbackUrl=${encodeURIComponent(`/houses/${house.id}/viewing`)}`);
  const inWechat = isWechatBrowser((await headers()).get("user-agent"));
  const wechatPay = wxpaySettings() !== null;
  const fee = centsToYuan(env().VIEWING_FEE_CENTS);
  const cover = coverPhoto(
    house.cover_photo_id,
    house.photos_by_room.flatMap((room) => room.photos),
  )?.thumb_url;

  return (
    <PageShell title="预约看房" back={`/houses/${house.id}`} nav={false}>
      <Link href={`/houses/${house.id}`} className="flex gap-3 rounded-lg bg-white p-3 shadow-sm">
        {cover && (
          // biome-ignore lint/performance/noImgElement: thumbnail from our own file route
          <img src={cover} alt="" className="h-16 w-20 shrink-0 rounded object-cover" />
        )}
        <div className="min-w-0">
          <p className="truncate font-medium">{house.description_title}</p>
          <p className="text-sm text-stone-500">
            ¥{house.house_rent}/月 · {house.house_type} · 房东 {house.owner.nickname}
          </p>
        </div>
      </Link>

      {viewer.id === house.owner.id ? (
        <p className="rounded-lg bg-stone-100 p-4 text-sm text-stone-600">
          这是你自己发布的房源，不能预约看房。
        </p>
      ) : (
        <>
          <section className="rounded-lg bg-white p-4 text-sm leading-relaxed text-stone-700 shadow-sm">
            <h2 className="mb-1 text-base font-medium text-stone-900">看房信息费 ¥{fee}</h2>
            <p>
              支付 ¥{fee}{" "}
              看房信息费后，你会看到房东的手机号和微信，可以直接约时间看房；房东也会收到你的联系方式。
            </p>
            <p className="mt-1">
              这笔费用只用于确认看房意向，不是租金或押金，平台不收取其他中介费用。
            </p>
            <p className="mt-1">价格：¥{fee}，一次性收取，没有其他费用。</p>
            <h3 className="mt-2 font-medium text-stone-900">退款规则</h3>
            <ul className="list-disc pl-5" data-testid="refund-rules">
              <li>
                房东 48 小时内未回应、房东表示房源已出租、看房前房源下架，或付款后 7
                天内未约定看房时间：自动全额退款。
              </li>
              <li>房东联系不上你时你会收到通知，72 小时内未回应则自动退款。</li>
              <li>看房前你可以随时申请退款，房东 48 小时内未处理即退款；有争议时由平台裁定。</li>
              <li>看房后 24 小时内，如与描述不符或为虚假房源，仍可申请退款。</li>
              <li>退款：按原支付方式（微信零钱或支付宝）全额原路退回；重复支付的款项自动退回。</li>
            </ul>
            <p className="mt-1 text-stone-500">
              {inWechat && wechatPay ? "可使用微信支付，或改用支付宝。" : "通过支付宝付款。"}
            </p>
          </section>
          {inWechat && isSandbox() && <WxpaySandboxBridge />}
          <ViewingRequestFlow
            houseId={house.id}
            ownerId={house.owner.id}
            feeYuan={fee}
            inWechat={inWechat}
            wechatPay={wechatPay}
            verifiedTel={await verifiedTelOf(viewer.id)}
          />
        </>
      )}
    </PageShell>
  );
}
