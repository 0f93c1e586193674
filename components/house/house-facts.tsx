import { FACILITIES, FEE_PAYERS, RENT_ROOM_TYPES, RENT_TIME_TYPES } from "@/lib/houses/labels";
import type { houseDetail } from "@/lib/houses/queries";

export type HouseDetail = Awaited<ReturnType<typeof houseDetail>>;

const label = <T extends Record<number, string>>(labels: T, code: number | null) =>
  code == null ? null : (labels[code as keyof T] ?? null);

/** What the tenant pays besides rent: the extra fees plus the charges the tenant is billed for. */
export function tenantFees(house: HouseDetail): string[] {
  const fees = house.extra_fee.map((fee) => fee.name).filter(Boolean);
  if (house.property_management_fee === 2) fees.push("物业费");
  if (house.heating_charge === 2) fees.push("取暖费");
  return [...new Set(fees)];
}

/** Rent, layout and the facts a tenant compares listings by. */
export function HouseFacts({ house }: { house: HouseDetail }) {
  const floor =
    house.house_floor && house.all_floor
      ? `${house.house_floor}/${house.all_floor}层`
      : house.house_floor
        ? `${house.house_floor}层`
        : null;
  const facts: [string, string | null][] = [
    ["户型", house.house_type],
    ["面积", house.house_size ? `${house.house_size}㎡` : null],
    ["出租方式", label(RENT_ROOM_TYPES, house.rent_room_type)],
    ["租期", label(RENT_TIME_TYPES, house.rent_time_type)],
    ["朝向", house.house_direction ? `朝${house.house_direction}` : null],
    ["楼层", floor],
    ["装修", house.house_decoration],
    ["可住", house.house_max_livein ? `${house.house_max_livein}人` : null],
    ["入住", house.earliest_checkin_time ? `${house.earliest_checkin_time} 起` : null],
  ];
  const fees = tenantFees(house);
  const facilities = new Set(house.facility.map((item) => item.code));
  const payers: [string, number | null][] = [
    ["物业费", house.property_management_fee],
    ["取暖费", house.heating_charge],
  ];
  return (
    <>
      <section className="rounded-lg bg-white p-4 shadow-sm">
        <p>
          <span className="text-2xl font-semibold text-brand">¥{house.house_rent ?? "—"}</span>
          <span className="text-sm text-stone-500">/月</span>
          {house.payment_type_name && (
            <span className="ml-2 rounded bg-stone-100 px-2 py-0.5 text-sm text-stone-700">
              {house.payment_type_name}
            </span>
          )}
        </p>
        <dl className="mt-3 grid grid-cols-3 gap-x-2 gap-y-3 text-sm">
          {facts
            .filter(([, value]) => value)
            .map(([name, value]) => (
              <div key={name}>
                <dt className="text-xs text-stone-500">{name}</dt>
                <dd className="font-medium">{value}</dd>
              </div>
            ))}
        </dl>
      </section>

      <section className="rounded-lg bg-white p-4 shadow-sm">
        <h2 className="mb-2 font-medium">费用说明</h2>
        <p className="text-sm text-stone-700">
          租客另付：{fees.length > 0 ? fees.join("、") : "无其他费用"}
        </p>
        <ul className="mt-1 flex gap-4 text-xs text-stone-500">
          {payers
            .filter(([, payer]) => payer != null)
            .map(([name, payer]) => (
              <li key={name}>
                {name}：{label(FEE_PAYERS, payer)}承担
              </li>
            ))}
        </ul>
      </section>

      <section className="rounded-lg bg-white p-4 shadow-sm">
        <h2 className="mb-2 font-medium">房屋设施</h2>
        <ul className="grid grid-cols-4 gap-2 text-center text-sm">
          {Object.entries(FACILITIES).map(([code, name]) => {
            const has = facilities.has(Number(code));
            return (
              <li
                key={code}
                className={has ? "text-stone-800" : "text-stone-500 line-through"}
                aria-label={has ? name : `无${name}`}
              >
                {name}
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}
