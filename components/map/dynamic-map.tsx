"use client";

import { type ComponentType, useEffect, useState } from "react";
import type { LeafletMapProps } from "./leaflet-map";

/**
 * Leaflet needs `window`: the map's code is loaded in the browser after the page is shown, with
 * a placeholder meanwhile. A load that fails (the phone went offline before the map arrived)
 * leaves the placeholder instead of failing the page, and is tried again when the network
 * returns.
 */
export function DynamicLeafletMap(props: LeafletMapProps) {
  const [LoadedMap, setMap] = useState<ComponentType<LeafletMapProps> | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (LoadedMap) return;
    let cancelled = false;
    const load = () => {
      setFailed(false);
      void import("./leaflet-map").then(
        (module) => {
          if (!cancelled) setMap(() => module.default);
        },
        () => {
          if (!cancelled) setFailed(true);
        },
      );
    };
    if (navigator.onLine) load();
    else setFailed(true);
    window.addEventListener("online", load);
    return () => {
      cancelled = true;
      window.removeEventListener("online", load);
    };
  }, [LoadedMap]);
  if (LoadedMap) return <LoadedMap {...props} />;
  return (
    <div
      className={`flex items-center justify-center bg-stone-200 text-sm text-stone-500 ${props.className ?? "h-64 w-full"}`}
    >
      {failed ? "地图暂时无法加载，网络恢复后会自动重试" : "地图加载中…"}
    </div>
  );
}

export type { LngLat, MapMarker, MapView } from "./leaflet-map";
