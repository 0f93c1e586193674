"use client";

import { type FormEvent, useMemo, useState } from "react";
import { useListingSave } from "@/components/landlord/step-form";
import { DynamicLeafletMap, type LngLat } from "@/components/map/dynamic-map";
import { Button } from "@/components/ui/button";
import { Field, Notice, Select, TextInput } from "@/components/ui/field";
import { Card } from "@/components/ui/page-shell";
import { toGcj02 } from "@/lib/coordinates";
import type { HouseDetail } from "@/lib/swr/hooks";

/** Compact GB/T 2260 lists from the server: [code, name] and [code, name, parent]. */
export interface DivisionOptions {
  provinces: [number, string][];
  cities: [number, string, number][];
  counties: [number, string, number][];
}

/** Tiananmen, GCJ-02: where the map opens when the listing has no position yet. */
const DEFAULT_CENTER: LngLat = { lng: 116.403963, lat: 39.915119 };

const text = (value: unknown) => (value == null ? "" : String(value));

export function LocationStep({
  houseId,
  house,
  divisions,
  tileUrl,
  onSaved,
}: {
  houseId: number;
  house: HouseDetail | undefined;
  divisions: DivisionOptions;
  tileUrl: string;
  onSaved: () => void;
}) {
  const initial = useMemo(
    () => ({
      province_code: text(house?.province_code),
      city_code: text(house?.city_code),
      county_code: text(house?.county_code),
      district_name: text(house?.district_name),
      house_number: text(house?.house_number),
      longitude: text(house?.longitude),
      latitude: text(house?.latitude),
    }),
    [house],
  );
  const [values, setValues] = useState(initial);
  const { errors, failure, setFailure, busy, save } = useListingSave(houseId);
  const [locating, setLocating] = useState(false);
  const set = (patch: Partial<typeof values>) => setValues((current) => ({ ...current, ...patch }));

  const point = useMemo(() => {
    const lng = Number(values.longitude);
    const lat = Number(values.latitude);
    return values.longitude && values.latitude && Number.isFinite(lng) && Number.isFinite(lat)
      ? { lng, lat }
      : null;
  }, [values.longitude, values.latitude]);
  const [center, setCenter] = useState<LngLat>(point ?? DEFAULT_CENTER);
  const markers = useMemo(() => (point ? [{ id: "house", ...point, active: true }] : []), [point]);

  const cities = divisions.cities.filter(([, , parent]) => String(parent) === values.province_code);
  const counties = divisions.counties.filter(([, , parent]) => String(parent) === values.city_code);

  function place(position: LngLat, pan = false) {
    set({ longitude: position.lng.toFixed(6), latitude: position.lat.toFixed(6) });
    if (pan) setCenter(position);
  }

  function locate() {
    if (!navigator.geolocation) {
      setFailure("当前浏览器不支持定位，请在地图上点选位置");
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        // Browser positions are WGS-84; Chinese basemaps and our data are GCJ-02.
        const [lng, lat] = toGcj02(position.coords.longitude, position.coords.latitude, "wgs84");
        place({ lng, lat }, true);
      },
      () => {
        setLocating(false);
        setFailure("无法获取当前位置，请允许定位或在地图上点选");
      },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const changes: Record<string, string> = {};
    for (const [name, value] of Object.entries(values)) {
      if (value !== initial[name as keyof typeof initial]) changes[name] = value.trim();
    }
    // Divisions can be changed but not cleared; the server fills in their names from the codes.
    for (const name of ["province_code", "city_code", "county_code"])
      if (changes[name] === "") delete changes[name];
    await save(changes, () => onSaved());
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <Card className="space-y-4">
        <Field label="省份" htmlFor="house-province_code" error={errors.province_code}>
          <Select
            id="house-province_code"
            value={values.province_code}
            invalid={Boolean(errors.province_code)}
            onChange={(e) => set({ province_code: e.target.value, city_code: "", county_code: "" })}
            options={divisions.provinces}
          />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="城市" htmlFor="house-city_code" error={errors.city_code}>
            <Select
              id="house-city_code"
              value={values.city_code}
              invalid={Boolean(errors.city_code)}
              onChange={(e) => set({ city_code: e.target.value, county_code: "" })}
              options={cities.map(([code, name]) => [code, name] as const)}
            />
          </Field>
          <Field label="区县" htmlFor="house-county_code" error={errors.county_code}>
            <Select
              id="house-county_code"
              value={values.county_code}
              invalid={Boolean(errors.county_code)}
              onChange={(e) => set({ county_code: e.target.value })}
              options={counties.map(([code, name]) => [code, name] as const)}
            />
          </Field>
        </div>
        <Field label="小区名称" htmlFor="house-district_name" error={errors.district_name}>
          <TextInput
            id="house-district_name"
            value={values.district_name}
            invalid={Boolean(errors.district_name)}
            onChange={(e) => set({ district_name: e.target.value })}
          />
        </Field>
        <Field
          label="楼栋门牌号"
          htmlFor="house-house_number"
          error={errors.house_number}
          hint="只在预约看房后告知租客"
        >
          <TextInput
            id="house-house_number"
            value={values.house_number}
            invalid={Boolean(errors.house_number)}
            onChange={(e) => set({ house_number: e.target.value })}
          />
        </Field>
      </Card>
      <Card className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 className="text-sm font-medium text-stone-700">地图位置</h2>
          <Button variant="ghost" onClick={locate} busy={locating}>
            使用当前位置
          </Button>
        </div>
        <p className="text-xs text-stone-500">
          点击地图放置标记；地图无法加载时可直接填写经纬度（GCJ-02）。
        </p>
        <div className="overflow-hidden rounded-xl">
          <DynamicLeafletMap
            tileUrl={tileUrl}
            center={center}
            zoom={point ? 16 : 12}
            markers={markers}
            onMapClick={(position) => place(position)}
            label="房源位置地图"
          />
        </div>
        <div className="grid grid-cols-2 gap-3">
          {(
            [
              ["longitude", "经度"],
              ["latitude", "纬度"],
            ] as const
          ).map(([name, label]) => (
            <Field key={name} label={label} htmlFor={`house-${name}`} error={errors[name]}>
              <TextInput
                id={`house-${name}`}
                inputMode="decimal"
                value={values[name]}
                invalid={Boolean(errors[name])}
                onChange={(e) => set({ [name]: e.target.value })}
                onBlur={() => point && setCenter(point)}
              />
            </Field>
          ))}
        </div>
      </Card>
      {failure && <Notice>{failure}</Notice>}
      <Button type="submit" block busy={busy}>
        保存并继续
      </Button>
    </form>
  );
}
