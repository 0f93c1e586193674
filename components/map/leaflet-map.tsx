"use client";

import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { useEffect, useRef } from "react";

// Generic Leaflet map over a GCJ-02 basemap (AMap tiles by default, MAP_TILE_URL). Every point
// in and out of this component is GCJ-02 {lng, lat}: never pass WGS-84 (browser GPS) without
// converting it with toGcj02 (lib/coordinates.ts) first, or markers land hundreds of metres off.
// Leaflet touches `window` on import: load this through ./dynamic-map (next/dynamic, ssr:false).

export interface LngLat {
  lng: number;
  lat: number;
}

export interface MapMarker extends LngLat {
  id: string | number;
  /** Short text inside the pin, e.g. a price ("¥3500") or a cluster count. */
  label?: string;
  /** Draws a round cluster bubble instead of a pin. */
  cluster?: boolean;
  /** Highlighted pin (e.g. the selected listing). */
  active?: boolean;
}

export interface MapView {
  center: LngLat;
  zoom: number;
  bounds: { west: number; south: number; east: number; north: number };
}

export interface LeafletMapProps {
  /** Tile URL template with {s} {x} {y} {z}; pass env().MAP_TILE_URL from a server component. */
  tileUrl: string;
  /** Initial centre; later changes pan the map there. */
  center: LngLat;
  /** Initial zoom only: the user's own zooming is left alone. */
  zoom?: number;
  /** Moves the map to this centre and zoom each time a new object is passed (e.g. a cluster tap). */
  focus?: { center: LngLat; zoom: number };
  /** Fits the map to these bounds each time a new object is passed (e.g. new search results). */
  fit?: MapView["bounds"];
  markers?: MapMarker[];
  onMarkerClick?: (marker: MapMarker) => void;
  /** Clicks on the map itself (not on a marker). */
  onMapClick?: (point: LngLat) => void;
  /** After every pan/zoom and once when ready: use it to load what is in view. */
  onViewChange?: (view: MapView) => void;
  className?: string;
  /** Accessible name of the map region. */
  label?: string;
}

const subdomains = ["1", "2", "3", "4"];

function markerIcon(marker: MapMarker): L.DivIcon {
  const text = marker.label ?? "";
  if (marker.cluster) {
    return L.divIcon({
      className: "",
      html: `<div class="flex h-11 w-11 items-center justify-center rounded-full border-2 border-white bg-brand text-sm font-semibold text-white shadow">${escapeHtml(text)}</div>`,
      iconSize: [44, 44],
      iconAnchor: [22, 22],
    });
  }
  const colour = marker.active ? "bg-stone-900" : "bg-brand";
  // Pins are 24 px high, the WCAG 2.2 minimum for a dense map (each listing is also in the list
  // under it). The marker element itself is the pin (no fixed icon size; the CSS translate sits
  // it above its point), so what a finger hits is what shows.
  const body = text
    ? `<div class="whitespace-nowrap rounded-full ${colour} px-2 py-1 text-xs font-semibold text-white shadow">${escapeHtml(text)}</div>`
    : `<div class="h-6 w-6 rounded-full border-2 border-white ${colour} shadow"></div>`;
  return L.divIcon({
    className: "-translate-x-1/2 -translate-y-full",
    html: `${body}<div class="mx-auto h-2 w-0.5 ${colour}"></div>`,
    iconSize: null as unknown as L.PointExpression,
    iconAnchor: [0, 0],
  });
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function viewOf(map: L.Map): MapView {
  const bounds = map.getBounds();
  const center = map.getCenter();
  return {
    center: { lng: center.lng, lat: center.lat },
    zoom: map.getZoom(),
    bounds: {
      west: bounds.getWest(),
      south: bounds.getSouth(),
      east: bounds.getEast(),
      north: bounds.getNorth(),
    },
  };
}

export default function LeafletMap({
  tileUrl,
  center,
  zoom = 14,
  focus,
  fit,
  markers = [],
  onMarkerClick,
  onMapClick,
  onViewChange,
  className = "h-64 w-full",
  label = "地图",
}: LeafletMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  // Latest callbacks, so the map is created once and never re-bound.
  const callbacks = useRef({ onMarkerClick, onMapClick, onViewChange });
  callbacks.current = { onMarkerClick, onMapClick, onViewChange };

  // biome-ignore lint/correctness/useExhaustiveDependencies: created once; center/zoom changes are applied below
  useEffect(() => {
    if (!container.current) return;
    const map = L.map(container.current, {
      center: [center.lat, center.lng],
      zoom,
      zoomControl: false,
      attributionControl: false,
    });
    // Leaflet's own titles are English ("Zoom in"); they are also the buttons' accessible names.
    L.control.zoom({ zoomInTitle: "放大", zoomOutTitle: "缩小" }).addTo(map);
    L.tileLayer(tileUrl, { subdomains, maxZoom: 18, minZoom: 3 }).addTo(map);
    layerRef.current = L.layerGroup().addTo(map);
    map.on("click", (event: L.LeafletMouseEvent) =>
      callbacks.current.onMapClick?.({ lng: event.latlng.lng, lat: event.latlng.lat }),
    );
    map.on("moveend", () => callbacks.current.onViewChange?.(viewOf(map)));
    mapRef.current = map;
    callbacks.current.onViewChange?.(viewOf(map));
    return () => {
      map.remove();
      mapRef.current = null;
      layerRef.current = null;
    };
  }, [tileUrl]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const current = map.getCenter();
    if (Math.abs(current.lat - center.lat) > 1e-7 || Math.abs(current.lng - center.lng) > 1e-7) {
      map.setView([center.lat, center.lng], map.getZoom());
    }
  }, [center.lat, center.lng]);

  useEffect(() => {
    if (focus) mapRef.current?.setView([focus.center.lat, focus.center.lng], focus.zoom);
  }, [focus]);

  useEffect(() => {
    if (fit)
      mapRef.current?.fitBounds(
        [
          [fit.south, fit.west],
          [fit.north, fit.east],
        ],
        { padding: [32, 32], maxZoom: 16 },
      );
  }, [fit]);

  useEffect(() => {
    const layer = layerRef.current;
    if (!layer) return;
    layer.clearLayers();
    for (const marker of markers) {
      L.marker([marker.lat, marker.lng], {
        icon: markerIcon(marker),
        keyboard: true,
        title: marker.label,
        zIndexOffset: marker.active ? 1000 : 0,
      })
        .on("click", (event) => {
          L.DomEvent.stopPropagation(event);
          callbacks.current.onMarkerClick?.(marker);
        })
        .addTo(layer);
    }
  }, [markers]);

  return (
    <section
      ref={container}
      aria-label={label}
      data-testid="leaflet-map"
      className={`z-0 bg-stone-200 ${className}`}
    />
  );
}
