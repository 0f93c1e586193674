import "server-only";
import fsp from "node:fs/promises";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { ApiError } from "@/lib/api/errors";
import type { UploadedFile } from "@/lib/api/request";
import type { StoredExtension } from "@/lib/storage/keys";

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/**
 * Phone cameras reach 48 MP. A few hundred KB of PNG can declare 256 MP, which takes tens of
 * seconds of CPU to re-encode (a pixel bomb), so larger images are refused from their header.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;
const ACCEPTED = new Set(["image/jpeg", "image/png", "image/webp", "image/heic", "image/heif"]);

export interface CleanImage {
  buffer: Buffer;
  ext: StoredExtension;
  contentType: string;
}

/**
 * Checks an upload by its bytes (never its name or declared type) and re-encodes it, which
 * applies the EXIF orientation and drops all metadata (GPS position, camera, embedded scripts).
 */
export async function cleanImage(file: UploadedFile): Promise<CleanImage> {
  const input = await fsp.readFile(file.path);
  const detected = await fileTypeFromBuffer(input);
  if (!detected || !ACCEPTED.has(detected.mime)) {
    throw ApiError.badParam(file.field, "只支持 JPG、PNG、WebP 或 HEIC 图片");
  }
  // Only the header is read here; without limitInputPixels: false, sharp refuses a header
  // declaring more than its default 268 MP, which would read as "corrupt" below.
  const pixels = await sharp(input, { limitInputPixels: false })
    .metadata()
    .then(
      ({ width, height }) => width * height,
      () => 0, // undecodable: refused below
    );
  if (pixels > MAX_IMAGE_PIXELS) {
    throw ApiError.badParam(file.field, `图片尺寸过大，最多 ${MAX_IMAGE_PIXELS / 10_000} 万像素`);
  }
  try {
    const image = sharp(input, { failOn: "error", limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
    if (detected.mime === "image/png") {
      return { buffer: await image.png().toBuffer(), ext: "png", contentType: "image/png" };
    }
    if (detected.mime === "image/webp") {
      return {
        buffer: await image.webp({ quality: 85 }).toBuffer(),
        ext: "webp",
        contentType: "image/webp",
      };
    }
    return {
      buffer: await image.jpeg({ quality: 85, mozjpeg: true }).toBuffer(),
      ext: "jpg",
      contentType: "image/jpeg",
    };
  } catch {
    throw ApiError.badParam(file.field, "图片已损坏或无法解码，请换一张 JPG 或 PNG 图片");
  }
}

/** A small WebP for lists and map cards. */
export async function makeThumbnail(image: Buffer, width = 400): Promise<Buffer> {
  return sharp(image).resize({ width, withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
}
