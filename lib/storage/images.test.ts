import fs from "node:fs";
import path from "node:path";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { cleanImage, MAX_IMAGE_PIXELS } from "@/lib/storage/images";
import { jpegBytes, pngBytes } from "@/tests/helpers";

function upload(data: Buffer) {
  const dir = path.join(env().DATA_DIR, "tmp");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `upload-${Math.random()}`);
  fs.writeFileSync(file, data);
  return { field: "house_photo", filename: "a.png", path: file, size: data.length };
}

describe("cleanImage", () => {
  it("re-encodes an image and drops its EXIF", async () => {
    const clean = await cleanImage(upload(await jpegBytes()));
    expect(clean).toMatchObject({ ext: "jpg", contentType: "image/jpeg" });
    expect((await sharp(clean.buffer).metadata()).exif).toBeUndefined();
  });

  it("refuses a pixel bomb (a small file declaring a huge image) from its header", async () => {
    // ~1.5 MB of PNG declaring 52 MP: re-encoding it would take seconds of CPU.
    const bomb = await sharp({
      create: { width: 8000, height: 6500, channels: 3, background: "#fff" },
    })
      .png({ compressionLevel: 1 })
      .toBuffer();
    expect(8000 * 6500).toBeGreaterThan(MAX_IMAGE_PIXELS);
    const refused = await cleanImage(upload(bomb)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({
      status: 2,
      message: "house_photo: 图片尺寸过大，最多 5000 万像素",
    });
  });

  it("gives the pixel-limit message for a header declaring 60000 × 60000 pixels", async () => {
    // A real PNG header and one tiny IDAT: 3.6 gigapixels declared, beyond sharp's own limit.
    const png = await pngBytes(1, 1);
    const declared = Buffer.from(png);
    declared.writeUInt32BE(60_000, 16);
    declared.writeUInt32BE(60_000, 20);
    // The IHDR checksum covers type and data (bytes 12–28).
    declared.writeUInt32BE(crc32(declared.subarray(12, 29)), 29);
    const refused = await cleanImage(upload(declared)).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      status: 2,
      message: "house_photo: 图片尺寸过大，最多 5000 万像素",
    });
  });
});
