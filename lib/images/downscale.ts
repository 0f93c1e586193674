// client-safe: client components use it; no server imports, so no server imports (scripts/check-layers.ts).
// Browser-side image downscaling (canvas), for every image a user uploads.

/** Longest side of a listing photo after client-side downscaling. */
const MAX_PHOTO_SIDE = 1600;
/** Longest side of an identity or property document: larger, so small print stays legible. */
export const MAX_DOCUMENT_SIDE = 2048;

/**
 * Phone photos are often 5–15 MB; re-encoding to a JPEG (quality 0.85) of at most `maxSide` px in the browser keeps uploads
 * small and fast on mobile networks (and under hosting upload limits). Falls back to the
 * original file when the browser cannot decode it (the server validates either way).
 */
export async function downscaleImage(file: File, maxSide = MAX_PHOTO_SIDE): Promise<File> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return file;
  }
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.round(bitmap.width * scale);
  const height = Math.round(bitmap.height * scale);
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  if (!context) return file;
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, "image/jpeg", 0.85),
  );
  if (!blob) return file;
  const name = file.name.replace(/\.[^.]+$/, "") || "photo";
  return new File([blob], `${name}.jpg`, { type: "image/jpeg" });
}
