/** The tenant's refund photos (private files, served with the viewer's session cookie). */
export function RefundPhotos({ urls }: { urls: readonly string[] }) {
  if (urls.length === 0) return null;
  return (
    <div className="grid grid-cols-3 gap-2" data-testid="refund-photos">
      {urls.map((url, index) => (
        <a key={url} href={url} target="_blank" rel="noreferrer">
          {/* biome-ignore lint/performance/noImgElement: private file served with the session cookie */}
          <img
            src={url}
            alt={`退款照片 ${index + 1}`}
            className="aspect-[4/3] w-full rounded-lg bg-stone-100 object-cover"
          />
        </a>
      ))}
    </div>
  );
}
