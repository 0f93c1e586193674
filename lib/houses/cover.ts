/**
 * A listing's cover, the one rule for every page and answer: the photo chosen as cover
 * (`houses.cover_photo_id`, set by the photo order), else the first photo in display order.
 * `photos` must be in display order.
 */
export function coverPhoto<P extends { id: number }>(
  coverPhotoId: number | null | undefined,
  photos: readonly P[],
): P | undefined {
  return photos.find((photo) => photo.id === coverPhotoId) ?? photos[0];
}
