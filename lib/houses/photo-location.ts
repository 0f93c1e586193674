// client-safe: client components use it; no server imports, so no server imports (scripts/check-layers.ts).
import { distanceKm, pointToGcj02 } from "@/lib/search/geo";

// Browser side of the photo-location signal: the GPS position in a photo's EXIF (read before
// the photo is downscaled, which drops EXIF) is compared with the listing's position, and only
// a coarse bucket is sent, never the coordinates. 0 unknown, 1 < 2 km, 2 2–20 km, 3 > 20 km.

export async function photoDistanceBucket(
  file: Blob,
  listing: { longitude: number | null; latitude: number | null } | undefined,
): Promise<number> {
  if (listing?.longitude == null || listing.latitude == null) return 0;
  try {
    // The ESM build has named exports; a CommonJS interop puts them on `default`.
    const exifr = await import("exifr");
    const gps = exifr.gps ?? exifr.default.gps;
    // JPEG EXIF lives in one APP1 segment of at most 64 KB near the start of the file.
    const position = await gps(await file.slice(0, 256 * 1024).arrayBuffer());
    if (!position || !Number.isFinite(position.latitude) || !Number.isFinite(position.longitude))
      return 0;
    // EXIF GPS is WGS-84; listings are stored in GCJ-02.
    const taken = pointToGcj02(
      { longitude: position.longitude, latitude: position.latitude },
      "wgs84",
    );
    const km = distanceKm(taken, { longitude: listing.longitude, latitude: listing.latitude });
    return km < 2 ? 1 : km <= 20 ? 2 : 3;
  } catch {
    return 0;
  }
}
