"use client";

import { DynamicLeafletMap } from "@/components/map/dynamic-map";

/** The listing's position (GCJ-02) on a small map; without tiles the pin still shows. */
export function LocationMap({
  tileUrl,
  longitude,
  latitude,
  label,
}: {
  tileUrl: string;
  longitude: number;
  latitude: number;
  label: string;
}) {
  const point = { lng: longitude, lat: latitude };
  return (
    <DynamicLeafletMap
      tileUrl={tileUrl}
      center={point}
      zoom={15}
      markers={[{ id: "house", ...point, label, active: true }]}
      className="h-48 w-full rounded-lg"
      label="房源位置"
    />
  );
}
