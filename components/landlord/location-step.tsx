"use client";

import { useMemo, useState } from "react";
import { useListingForm } from "@/components/landlord/step-form";
import { DynamicLeafletMap, type LngLat } from "@/components/map/dynamic-map";
import { Button } from "@/components/ui/button";
import { Field, FormSummary, Select, TextInput } from "@/components/ui/field";
import { Card } from "@/components/ui/page-shell";
import { toGcj02 } from "@/lib/coordinates";
import { useAction } from "@/lib/forms/use-action";
import { type AnswerOf, api } from "@/lib/swr/fetcher";
import type { HouseDetail } from "@/lib/swr/hooks";

/** Compact GB/T 2260 lists from the server: [code, name] and [code, name, parent]. */
export interface DivisionOptions {
  provinces: [number, string][];
  cities: [number, string, number][];
  counties: [number, string, number][];
  /** GCJ-02 [longitude, latitude] of the divisions whose centre is known offline. */
  centres: Record<number, [number, number]>;
}

type Place = AnswerOf<"/api/place_search">["places"][number];

/** Zoom for a position known to the county, the city or only the province. */
const DIVISION_ZOOM = { county: 14, city: 12, province: 8 } as const;

/** Tiananmen, GCJ-02: where the map opens when neither a position nor a division is known. */
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
  const form = useListingForm(houseId, changedValues, () => onSaved());
  const errors = form.errors;
  const [locating, setLocating] = useState(false);
  const set = (patch: Partial<typeof values>) => setValues((current) => ({ ...current, ...patch }));

  const point = useMemo(() => {
    const lng = Number(values.longitude);
    const lat = Number(values.latitude);
    return values.longitude && values.latitude && Number.isFinite(lng) && Number.isFinite(lat)
      ? { lng, lat }
      : null;
  }, [values.longitude, values.latitude]);
  const [focus, setFocus] = useState(() => ({
    center: point ?? divisionCentre(divisions, values)?.center ?? DEFAULT_CENTER,
    zoom: point ? 16 : (divisionCentre(divisions, values)?.zoom ?? 12),
  }));
  const setCenter = (center: LngLat, zoom = 16) => setFocus({ center, zoom });
  const markers = useMemo(() => (point ? [{ id: "house", ...point, active: true }] : []), [point]);

  const cities = divisions.cities.filter(([, , parent]) => String(parent) === values.province_code);
  const counties = divisions.counties.filter(([, , parent]) => String(parent) === values.city_code);

  /** Choosing a division centres the map on it at once (its known centre, else a search). */
  async function choose(patch: Partial<typeof values>) {
    const next = { ...values, ...patch };
    set(patch);
    const known = divisionCentre(divisions, next);
    if (known) setFocus(known);
    if (patch.county_code && !divisions.centres[Number(patch.county_code)]) {
      const county = counties.find(([code]) => String(code) === patch.county_code)?.[1];
      const city = cities.find(([code]) => String(code) === next.city_code)?.[1];
      if (!county) return;
      const found = await api("/api/place_search", { form: { keyword: county, city } }).catch(
        () => null,
      );
      const first = found?.places[0];
      if (first)
        setFocus({
          center: { lng: first.longitude, lat: first.latitude },
          zoom: DIVISION_ZOOM.county,
        });
    }
  }

  function place(position: LngLat, pan = false) {
    set({ longitude: position.lng.toFixed(6), latitude: position.lat.toFixed(6) });
    if (pan) setCenter(position);
  }

  function locate() {
    if (!navigator.geolocation) {
      form.setFailure("当前浏览器不支持定位，请在地图上点选位置");
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
        form.setFailure("无法获取当前位置，请允许定位或在地图上点选");
      },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  }

  function changedValues() {
    const changes: Record<string, string> = {};
    for (const [name, value] of Object.entries(values)) {
      if (value !== initial[name as keyof typeof initial]) changes[name] = value.trim();
    }
    // Divisions can be changed but not cleared; the server fills in their names from the codes.
    for (const name of ["province_code", "city_code", "county_code"])
      if (changes[name] === "") delete changes[name];
    return changes;
  }

  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} className="space-y-4" noValidate>
      <Card className="space-y-4">
        <Field label="省份" htmlFor="house-province_code" error={errors.province_code}>
          <Select
            id="house-province_code"
            value={values.province_code}
            invalid={Boolean(errors.province_code)}
            onChange={(e) =>
              choose({ province_code: e.target.value, city_code: "", county_code: "" })
            }
            options={divisions.provinces}
          />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="城市" htmlFor="house-city_code" error={errors.city_code}>
            <Select
              id="house-city_code"
              value={values.city_code}
              invalid={Boolean(errors.city_code)}
              onChange={(e) => choose({ city_code: e.target.value, county_code: "" })}
              options={cities.map(([code, name]) => [code, name] as const)}
            />
          </Field>
          <Field label="区县" htmlFor="house-county_code" error={errors.county_code}>
            <Select
              id="house-county_code"
              value={values.county_code}
              invalid={Boolean(errors.county_code)}
              onChange={(e) => choose({ county_code: e.target.value })}
              options={counties.map(([code, name]) => [code, name] as const)}
            />
          </Field>
        </div>
        <CommunityField
          value={values.district_name}
          error={errors.district_name}
          city={cities.find(([code]) => String(code) === values.city_code)?.[1]}
          onChange={(district_name) => set({ district_name })}
          onPick={(picked) => {
            set({ district_name: picked.name });
            place({ lng: picked.longitude, lat: picked.latitude }, true);
          }}
        />
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
            center={focus.center}
            zoom={focus.zoom}
            focus={focus}
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
      <FormSummary form={form} />
      <Button type="submit" block busy={form.pending}>
        保存并继续
      </Button>
    </form>
  );
}

/** The centre of the most precise chosen division whose position is known offline. */
function divisionCentre(
  divisions: DivisionOptions,
  values: { province_code: string; city_code: string; county_code: string },
): { center: LngLat; zoom: number } | null {
  for (const level of ["county", "city", "province"] as const) {
    const code = Number(values[`${level}_code`]);
    const centre = code ? divisions.centres[code] : undefined;
    if (centre) return { center: { lng: centre[0], lat: centre[1] }, zoom: DIVISION_ZOOM[level] };
  }
  return null;
}

/**
 * 小区名称 with a search: the landlord's earlier listings and the map's places, each with its
 * position; picking one fills the name and places the marker.
 */
function CommunityField({
  value,
  error,
  city,
  onChange,
  onPick,
}: {
  value: string;
  error?: string;
  city?: string;
  onChange: (value: string) => void;
  onPick: (place: Place) => void;
}) {
  const [places, setPlaces] = useState<Place[] | null>(null);
  const search = useAction(async () => {
    const found = await api("/api/place_search", { form: { keyword: value.trim(), city } });
    setPlaces(found.places);
  });
  return (
    <Field label="小区名称" htmlFor="house-district_name" error={error ?? search.failure}>
      <div className="flex gap-2">
        <TextInput
          id="house-district_name"
          value={value}
          invalid={Boolean(error)}
          onChange={(e) => onChange(e.target.value)}
        />
        <Button
          variant="secondary"
          disabled={!value.trim()}
          busy={search.pending}
          onClick={() => search.run()}
        >
          搜索位置
        </Button>
      </div>
      {places && (
        <ul
          className="divide-y divide-stone-100 rounded-lg border border-stone-200"
          data-testid="place-results"
        >
          {places.length === 0 && (
            <li className="px-3 py-2 text-sm text-stone-500">没有找到，请在地图上点选</li>
          )}
          {places.map((item) => (
            <li key={`${item.source}-${item.name}-${item.longitude}`}>
              <button
                type="button"
                className="flex min-h-11 w-full flex-col items-start px-3 py-2 text-left"
                onClick={() => {
                  onPick(item);
                  setPlaces(null);
                }}
              >
                <span className="text-sm">{item.name}</span>
                <span className="text-xs text-stone-500">
                  {item.source === "mine" ? "我的房源 · " : ""}
                  {item.address}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Field>
  );
}
