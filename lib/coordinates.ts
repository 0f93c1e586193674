// client-safe: client components import it, so no server imports (scripts/check-layers.ts).
import gcoord from "gcoord";

// Stored and searched coordinates, and the Chinese basemaps, are GCJ-02; browsers, GPS and
// wx.getLocation give WGS-84 (a WGS-84 point drawn on a GCJ-02 map lands hundreds of metres off).
// Client-safe: the pages convert the browser's position with the same function as the API.

export type CoordType = "gcj02" | "wgs84" | "bd09";

/** `[longitude, latitude]` converted to GCJ-02. */
export function toGcj02(
  longitude: number,
  latitude: number,
  from: CoordType,
): [longitude: number, latitude: number] {
  if (from === "gcj02") return [longitude, latitude];
  const [lng, lat] = gcoord.transform(
    [longitude, latitude],
    from === "wgs84" ? gcoord.WGS84 : gcoord.BD09,
    gcoord.GCJ02,
  );
  return [lng, lat];
}
