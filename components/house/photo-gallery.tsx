// Photos grouped by room type: a swipeable strip (CSS scroll-snap, no script) with one anchor per
// room type, so a tap on "卫生间" jumps to the bathroom photos. Server-rendered.

export interface GalleryRoom {
  rooms_type: number;
  rooms_type_name: string;
  photos: {
    id: number;
    url: string | null;
    rooms_area: number | null;
    rooms_orientation: string | null;
  }[];
}

export function PhotoGallery({ rooms, title }: { rooms: GalleryRoom[]; title: string }) {
  const photos = rooms.flatMap((room) =>
    room.photos.map((photo, index) => ({ ...photo, room, first: index === 0 })),
  );
  if (photos.length === 0) {
    return (
      <div className="flex aspect-[4/3] items-center justify-center bg-stone-200 text-stone-500">
        房东还没有上传照片
      </div>
    );
  }
  return (
    <section aria-label="房源照片" className="bg-stone-900">
      <div className="flex aspect-[4/3] snap-x snap-mandatory overflow-x-auto md:aspect-[16/9]">
        {photos.map((photo, index) => (
          <figure
            key={photo.id}
            id={photo.first ? `room-${photo.room.rooms_type}` : undefined}
            className="relative h-full w-full shrink-0 snap-center"
          >
            {photo.url && (
              // biome-ignore lint/performance/noImgElement: files come from our own /api/file route
              <img
                src={photo.url}
                alt={`${title} · ${photo.room.rooms_type_name}`}
                className="h-full w-full object-contain"
                loading={index === 0 ? "eager" : "lazy"}
              />
            )}
            <figcaption className="absolute bottom-2 left-2 rounded bg-black/60 px-2 py-0.5 text-xs text-white">
              {photo.room.rooms_type_name}
              {photo.rooms_area ? ` · ${photo.rooms_area}㎡` : ""}
              {photo.rooms_orientation ? ` · 朝${photo.rooms_orientation}` : ""}
              <span className="ml-2 text-white/70">
                {index + 1}/{photos.length}
              </span>
            </figcaption>
          </figure>
        ))}
      </div>
      <nav aria-label="按房间查看" className="flex gap-2 overflow-x-auto bg-white px-4 py-2">
        {rooms.map((room) => (
          <a
            key={room.rooms_type}
            href={`#room-${room.rooms_type}`}
            className="shrink-0 rounded-full border border-stone-300 px-3 py-1 text-sm text-stone-700"
          >
            {room.rooms_type_name} {room.photos.length}
          </a>
        ))}
      </nav>
    </section>
  );
}
