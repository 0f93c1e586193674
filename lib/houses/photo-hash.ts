import "server-only";
import sharp from "sharp";

// A 64-bit perceptual hash (dHash: each bit says whether a pixel of the 9×8 greyscale thumbnail is
// brighter than its right neighbour), computed on the decoded image, so re-encoding, resizing and
// small colour changes keep it within a few bits. Stored as 16 hex digits plus four 16-bit bands:
// two hashes within Hamming distance 3 agree exactly on at least one band (pigeonhole), so an
// indexed lookup per band finds every candidate without scanning all photos.

export const COPY_DISTANCE = 3;

export async function photoHash(image: Buffer): Promise<string> {
  const pixels = await sharp(image)
    .rotate()
    .greyscale()
    .resize(9, 8, { fit: "fill", kernel: "lanczos3" })
    .raw()
    .toBuffer();
  let hash = 0n;
  for (let y = 0; y < 8; y += 1) {
    for (let x = 0; x < 8; x += 1) {
      const left = pixels[y * 9 + x] as number;
      const right = pixels[y * 9 + x + 1] as number;
      hash = (hash << 1n) | (left > right ? 1n : 0n);
    }
  }
  return hash.toString(16).padStart(16, "0");
}

/** The four 16-bit bands of a hash, most significant first. */
export function hashBands(hash: string): [number, number, number, number] {
  return [0, 4, 8, 12].map((start) => Number.parseInt(hash.slice(start, start + 4), 16)) as [
    number,
    number,
    number,
    number,
  ];
}

/** The house_photos columns for a hash. */
export function hashColumns(hash: string) {
  const [phashBand0, phashBand1, phashBand2, phashBand3] = hashBands(hash);
  return { phash: hash, phashBand0, phashBand1, phashBand2, phashBand3 };
}

export function hammingDistance(a: string, b: string): number {
  let diff = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let bits = 0;
  while (diff) {
    bits += Number(diff & 1n);
    diff >>= 1n;
  }
  return bits;
}
