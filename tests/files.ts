import sharp from "sharp";

// Factories for uploaded files and documents, shared by unit tests (via tests/helpers.ts) and
// the e2e specs; free of database imports, so Playwright can load them.

/** A valid mainland ID number (GB 11643 check digit). */
export const ID_NUMBER = "11010519491231002X";

export async function jpegBytes(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 80 } } })
    .jpeg()
    .withMetadata({ exif: { IFD0: { Make: "TestCam" } } })
    .toBuffer();
}

let patternSeed = 0;

/**
 * A JPEG of large seeded colour blocks, smoothed like a photo: every call (or seed) gives a
 * visibly different picture, so listings of different accounts do not trip the copied-photo
 * rule the way identical solid images do, while a resized copy of one still matches.
 */
export async function patternJpeg(
  seed = ++patternSeed + process.pid * 1000,
  width = 64,
  height = 48,
) {
  let state = seed >>> 0 || 1;
  const [cols, rows] = [12, 9];
  const blocks = Buffer.alloc(cols * rows * 3);
  for (let index = 0; index < blocks.length; index += 1) {
    state = (state * 1664525 + 1013904223) >>> 0;
    blocks[index] = state >>> 24;
  }
  return sharp(blocks, { raw: { width: cols, height: rows, channels: 3 } })
    .resize(width, height, { kernel: "cubic" })
    .jpeg({ quality: 90 })
    .toBuffer();
}

export async function pngBytes(width = 32, height = 32): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 4, background: { r: 10, g: 200, b: 90, alpha: 1 } },
  })
    .png()
    .toBuffer();
}

/** The smallest well-formed MP4 header: an ftyp box (isom), enough for content sniffing. */
export function mp4Bytes(extraBytes = 64): Buffer {
  const ftyp = Buffer.from([
    0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0x00, 0x00, 0x02, 0x00,
    0x69, 0x73, 0x6f, 0x6d, 0x69, 0x73, 0x6f, 0x32,
  ]);
  return Buffer.concat([ftyp, Buffer.alloc(extraBytes)]);
}
