"use client";

import dynamic from "next/dynamic";

// Leaflet needs `window`: load the map only in the browser, with a placeholder meanwhile.
export const DynamicLeafletMap = dynamic(() => import("./leaflet-map"), {
  ssr: false,
  loading: () => (
    <div className="flex h-64 w-full items-center justify-center bg-stone-200 text-sm text-stone-500">
      地图加载中…
    </div>
  ),
});

export type { LngLat, MapMarker, MapView } from "./leaflet-map";
