"use client";

import { type PointerEvent, useEffect, useRef, useState } from "react";

// The listing's photos (grouped by room type) and videos as one set of slides: a swipeable strip
// (CSS scroll-snap) on phones, a photo grid on desktops, and a full-screen viewer on tap with
// swipe, pinch-zoom (two pointers; double tap toggles 2×), room captions and the videos in line.

export interface GalleryRoom {
  rooms_type: number;
  rooms_type_name: string;
  photos: {
    id: number;
    url: string | null;
    thumb_url?: string | null;
    rooms_area: number | null;
    rooms_orientation: string | null;
  }[];
}

export interface GalleryVideo {
  id: number;
  url: string | null;
  content_type: string;
}

interface Slide {
  key: string;
  kind: "photo" | "video";
  url: string;
  thumb: string | null;
  contentType?: string;
  caption: string;
  roomsType?: number;
}

function slidesOf(rooms: GalleryRoom[], videos: GalleryVideo[]): Slide[] {
  const photos = rooms.flatMap((room) =>
    room.photos.flatMap((photo): Slide[] =>
      photo.url
        ? [
            {
              key: `p${photo.id}`,
              kind: "photo",
              url: photo.url,
              thumb: photo.thumb_url ?? null,
              roomsType: room.rooms_type,
              caption: [
                room.rooms_type_name,
                photo.rooms_area ? `${photo.rooms_area}㎡` : null,
                photo.rooms_orientation ? `朝${photo.rooms_orientation}` : null,
              ]
                .filter(Boolean)
                .join(" · "),
            },
          ]
        : [],
    ),
  );
  const clips = videos.flatMap((video): Slide[] =>
    video.url
      ? [
          {
            key: `v${video.id}`,
            kind: "video",
            url: video.url,
            thumb: null,
            contentType: video.content_type,
            caption: "视频",
          },
        ]
      : [],
  );
  // The video comes right after the first photo, where peers put it.
  return [...photos.slice(0, 1), ...clips, ...photos.slice(1)];
}

/** Pinch (two pointers) and double-tap zoom of one photo; panning while zoomed. */
function ZoomablePhoto({ slide, alt }: { slide: Slide; alt: string }) {
  const [zoom, setZoom] = useState({ scale: 1, x: 0, y: 0 });
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const start = useRef({ distance: 0, scale: 1, x: 0, y: 0, px: 0, py: 0 });
  const lastTap = useRef(0);

  const distance = () => {
    const [a, b] = [...pointers.current.values()];
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
  };
  const down = (event: PointerEvent) => {
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    start.current = {
      distance: distance(),
      scale: zoom.scale,
      x: zoom.x,
      y: zoom.y,
      px: event.clientX,
      py: event.clientY,
    };
    if (pointers.current.size === 1) {
      const now = Date.now();
      if (now - lastTap.current < 300)
        setZoom((z) => (z.scale > 1 ? { scale: 1, x: 0, y: 0 } : { scale: 2, x: 0, y: 0 }));
      lastTap.current = now;
    }
  };
  const move = (event: PointerEvent) => {
    if (!pointers.current.has(event.pointerId)) return;
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.current.size === 2 && start.current.distance > 0) {
      const scale = Math.min(
        4,
        Math.max(1, (start.current.scale * distance()) / start.current.distance),
      );
      setZoom((z) => (scale === 1 ? { scale, x: 0, y: 0 } : { ...z, scale }));
    } else if (pointers.current.size === 1 && zoom.scale > 1) {
      setZoom({
        scale: zoom.scale,
        x: start.current.x + event.clientX - start.current.px,
        y: start.current.y + event.clientY - start.current.py,
      });
    }
  };
  const up = (event: PointerEvent) => pointers.current.delete(event.pointerId);

  return (
    // biome-ignore lint/performance/noImgElement: files come from our own /api/file route
    <img
      src={slide.url}
      alt={alt}
      draggable={false}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={up}
      data-zoom={zoom.scale}
      // Zoomed, the photo takes every touch; at 1× horizontal swipes go to the strip.
      style={{
        transform: `translate(${zoom.x}px, ${zoom.y}px) scale(${zoom.scale})`,
        touchAction: zoom.scale > 1 ? "none" : "pan-x",
      }}
      className="max-h-full max-w-full select-none object-contain"
    />
  );
}

function Viewer({
  slides,
  start,
  title,
  onClose,
}: {
  slides: Slide[];
  start: number;
  title: string;
  onClose: () => void;
}) {
  const strip = useRef<HTMLElement>(null);
  const [index, setIndex] = useState(start);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const element = strip.current;
    if (element) element.scrollLeft = start * element.clientWidth;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") close.current();
    };
    window.addEventListener("keydown", onKey);
    document.body.style.overflow = "hidden";
    return () => {
      window.removeEventListener("keydown", onKey);
      document.body.style.overflow = "";
    };
  }, [start]);
  const current = slides[index];
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-label="查看照片"
      className="fixed inset-0 z-50 flex flex-col bg-black text-white"
    >
      <header className="flex items-center justify-between px-4 py-3 text-sm">
        <span data-testid="viewer-position">
          {index + 1}/{slides.length}
        </span>
        <button type="button" onClick={onClose} aria-label="关闭" className="h-11 w-11 text-2xl">
          ×
        </button>
      </header>
      <section
        ref={strip}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling strip must be focusable, so the arrow keys scroll the photos without a pointer
        tabIndex={0}
        aria-label="照片，左右滑动切换"
        onScroll={(event) =>
          setIndex(Math.round(event.currentTarget.scrollLeft / event.currentTarget.clientWidth))
        }
        className="flex flex-1 snap-x snap-mandatory overflow-x-auto"
      >
        {slides.map((slide) => (
          <figure
            key={slide.key}
            className="flex h-full w-full shrink-0 snap-center items-center justify-center overflow-hidden"
          >
            {slide.kind === "photo" ? (
              <ZoomablePhoto slide={slide} alt={`${title} · ${slide.caption}`} />
            ) : (
              // biome-ignore lint/a11y/useMediaCaption: landlords' walk-through clips have no captions
              <video controls playsInline preload="metadata" className="max-h-full max-w-full">
                <source src={slide.url} type={slide.contentType} />
              </video>
            )}
          </figure>
        ))}
      </section>
      <p className="px-4 py-3 text-center text-sm" data-testid="viewer-caption">
        {current?.caption}
      </p>
    </div>
  );
}

export function PhotoGallery({
  rooms,
  videos = [],
  title,
}: {
  rooms: GalleryRoom[];
  videos?: GalleryVideo[];
  title: string;
}) {
  const slides = slidesOf(rooms, videos);
  const [open, setOpen] = useState<number | null>(null);
  if (slides.length === 0) {
    return (
      <div className="flex aspect-[4/3] items-center justify-center bg-stone-200 text-stone-500">
        房东还没有上传照片
      </div>
    );
  }
  const firstOfRoom = new Map<number, number>();
  slides.forEach((slide, index) => {
    if (slide.roomsType !== undefined && !firstOfRoom.has(slide.roomsType))
      firstOfRoom.set(slide.roomsType, index);
  });
  const photoIndexes = slides.flatMap((slide, index) => (slide.kind === "photo" ? [index] : []));
  return (
    <section aria-label="房源照片" className="bg-stone-900 lg:bg-transparent">
      {/* Phones and tablets: one photo at a time. */}
      <div className="flex aspect-[4/3] snap-x snap-mandatory overflow-x-auto md:aspect-[16/9] lg:hidden">
        {slides.map((slide, index) => (
          <figure
            key={slide.key}
            id={
              slide.roomsType !== undefined && firstOfRoom.get(slide.roomsType) === index
                ? `room-${slide.roomsType}`
                : undefined
            }
            className="relative h-full w-full shrink-0 snap-center"
          >
            <button
              type="button"
              onClick={() => setOpen(index)}
              aria-label={`查看大图 ${index + 1}`}
              className="h-full w-full"
            >
              {slide.kind === "photo" ? (
                // biome-ignore lint/performance/noImgElement: files come from our own /api/file route
                <img
                  src={slide.url}
                  alt={`${title} · ${slide.caption}`}
                  className="h-full w-full object-contain"
                  loading={index === 0 ? "eager" : "lazy"}
                />
              ) : (
                <span className="flex h-full w-full items-center justify-center text-4xl text-white">
                  ▶<span className="ml-2 text-base">播放视频</span>
                </span>
              )}
            </button>
            <figcaption className="pointer-events-none absolute bottom-2 left-2 rounded bg-black/60 px-2 py-0.5 text-xs text-white">
              {slide.caption}
              <span className="ml-2 text-white/70">
                {index + 1}/{slides.length}
              </span>
            </figcaption>
          </figure>
        ))}
      </div>
      {/* Desktops: the cover large and four more beside it. */}
      <div className="hidden h-[420px] grid-cols-4 grid-rows-2 gap-2 overflow-hidden rounded-2xl lg:grid">
        {photoIndexes.slice(0, 5).map((slideIndex, position) => {
          const slide = slides[slideIndex] as Slide;
          return (
            <button
              key={slide.key}
              type="button"
              onClick={() => setOpen(slideIndex)}
              aria-label={`查看大图 ${slideIndex + 1}`}
              className={`relative bg-stone-200 ${position === 0 ? "col-span-2 row-span-2" : ""}`}
            >
              {/* biome-ignore lint/performance/noImgElement: files come from our own /api/file route */}
              <img
                src={position === 0 ? slide.url : (slide.thumb ?? slide.url)}
                alt={`${title} · ${slide.caption}`}
                className="h-full w-full object-cover"
              />
              {position === 4 && slides.length > 5 && (
                <span className="absolute inset-0 flex items-center justify-center bg-black/40 text-white">
                  共 {slides.length} 项
                </span>
              )}
            </button>
          );
        })}
      </div>
      <nav
        aria-label="按房间查看"
        className="flex gap-2 overflow-x-auto bg-white px-4 py-2 lg:hidden"
      >
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
      {open !== null && (
        <Viewer slides={slides} start={open} title={title} onClose={() => setOpen(null)} />
      )}
    </section>
  );
}
