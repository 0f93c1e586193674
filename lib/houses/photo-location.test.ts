import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { photoDistanceBucket } from "@/lib/houses/photo-location";

// A JPEG whose EXIF GPS says it was taken at (lat, lng), WGS-84, degrees/minutes/seconds.
async function photoAt(latitude: number, longitude: number) {
  const dms = (value: number) => {
    const degrees = Math.floor(value);
    const minutes = Math.floor((value - degrees) * 60);
    const seconds = Math.round(((value - degrees) * 60 - minutes) * 60 * 100);
    return `${degrees}/1 ${minutes}/1 ${seconds}/100`;
  };
  const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#abc" } })
    .jpeg()
    .withExif({
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: dms(latitude),
        GPSLongitudeRef: "E",
        GPSLongitude: dms(longitude),
      },
    })
    .toBuffer();
  return new Blob([new Uint8Array(jpeg)]);
}

describe("photo location bucket (EXIF GPS read in the browser)", () => {
  const listing = { longitude: 104.08, latitude: 30.65 };
  it("buckets the distance to the listing and never needs more than the bucket", async () => {
    // GCJ-02 is ~0.5 km off WGS-84 in Chengdu; these points are well inside their buckets.
    expect(await photoDistanceBucket(await photoAt(30.6525, 104.0775), listing)).toBe(1);
    expect(await photoDistanceBucket(await photoAt(30.75, 104.08), listing)).toBe(2);
    expect(await photoDistanceBucket(await photoAt(31.23, 121.47), listing)).toBe(3);
  });
  it("answers 0 without GPS or without a listing position", async () => {
    const plain = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
      .jpeg()
      .toBuffer();
    expect(await photoDistanceBucket(new Blob([new Uint8Array(plain)]), listing)).toBe(0);
    expect(
      await photoDistanceBucket(await photoAt(30.65, 104.08), { longitude: null, latitude: null }),
    ).toBe(0);
  });
});
