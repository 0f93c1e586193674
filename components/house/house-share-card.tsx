import { WechatShare } from "@/components/house/wechat-share";
import type { publishedHouse } from "@/lib/houses/published-house";

type House = NonNullable<Awaited<ReturnType<typeof publishedHouse>>>;

/** The listing's WeChat share card: its title, rent and area as the description, the cover. */
export function HouseShareCard({ house, title }: { house: House; title: string }) {
  const desc = [
    house.house_rent ? `¥${house.house_rent}/月` : null,
    house.house_size ? `${house.house_size}㎡` : null,
    [house.city_name, house.county_name, house.district_name].filter(Boolean).join(""),
  ]
    .filter(Boolean)
    .join(" · ");
  return <WechatShare title={title} desc={desc} imagePath={house.cover_url ?? null} />;
}
