// client-safe: the editor measures photo distances in the browser, so no server imports (scripts/check-layers.ts).
import { type CoordType, toGcj02 } from "@/lib/coordinates";

/**
 * Equatorial Earth radius, as the legacy service used, so `distance` values and the
 * radius edge stay what existing clients see (the mean radius 6371.0088 would shift them ~0.1%).
 */
export const EARTH_RADIUS_KM = 6378.137;

/** Distances are compared with this slack so a listing exactly at the radius is included. */
export const RADIUS_EPSILON_KM = 1e-9;

export interface Point {
  longitude: number;
  latitude: number;
}

export interface Box {
  minLng: number;
  maxLng: number;
  minLat: number;
  maxLat: number;
}

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
const toDegrees = (radians: number) => (radians * 180) / Math.PI;

/** Great-circle (haversine) distance in km; the SQL twin is `distanceSql` in query.ts. */
export function distanceKm(a: Point, b: Point): number {
  const dLat = toRadians(b.latitude - a.latitude);
  const dLng = toRadians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.latitude)) * Math.cos(toRadians(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, h)));
}

/**
 * The smallest lat/lng box holding every point within `radiusKm` of `centre` (the tangent
 * longitude bound, not the centre-latitude approximation), padded by a hair for float error.
 */
export function boundingBox(centre: Point, radiusKm: number): Box {
  const angular = radiusKm / EARTH_RADIUS_KM;
  const pad = 1e-9;
  const dLat = toDegrees(angular);
  const minLat = centre.latitude - dLat - pad;
  const maxLat = centre.latitude + dLat + pad;
  const cosLat = Math.cos(toRadians(centre.latitude));
  if (maxLat >= 90 || minLat <= -90 || Math.sin(angular) >= cosLat)
    return {
      minLng: -180,
      maxLng: 180,
      minLat: Math.max(minLat, -90),
      maxLat: Math.min(maxLat, 90),
    };
  const dLng = toDegrees(Math.asin(Math.sin(angular) / cosLat)) + pad;
  return { minLng: centre.longitude - dLng, maxLng: centre.longitude + dLng, minLat, maxLat };
}

/** A point converted to GCJ-02, the system stored and searched. */
export function pointToGcj02(point: Point, from: CoordType): Point {
  const [longitude, latitude] = toGcj02(point.longitude, point.latitude, from);
  return { longitude, latitude };
}
