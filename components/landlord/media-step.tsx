"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Notice, Select, TextInput } from "@/components/ui/field";
import { Card } from "@/components/ui/page-shell";
import { ProgressBar } from "@/components/ui/progress-bar";
import { FilePicker, useUpload } from "@/components/ui/upload";
import { useAction } from "@/lib/forms/use-action";
import { BEDROOM_TYPES, ORIENTATIONS, ROOM_TYPES } from "@/lib/houses/labels";
import { photoDistanceBucket } from "@/lib/houses/photo-location";
import { downscaleImage } from "@/lib/images/downscale";
import { api, errorText, uploadWithProgress } from "@/lib/swr/fetcher";
import type { HouseDetail } from "@/lib/swr/hooks";

const roomOptions = Object.entries(ROOM_TYPES).map(([code, name]) => [Number(code), name] as const);
const isBedroom = (room: string) => (BEDROOM_TYPES as readonly number[]).includes(Number(room));

/** What each part of the media step gets: the listing, and a reload after a change. */
interface MediaProps {
  houseId: number;
  house: HouseDetail | undefined;
  onChanged: () => Promise<unknown>;
}

/**
 * Photos are picked several at a time (or one by one where the picker takes one file, as in
 * Android WeChat: each pick joins the queue), each with its room, then uploaded one after another,
 * downscaled in the browser, with per-file progress and retry. The order (and so the cover) is
 * changed with arrow buttons and 设为封面, saved with set_house_photo_order.
 */
export function MediaStep({
  houseId,
  house,
  onChanged,
  onNext,
}: MediaProps & { onNext: () => void }) {
  return (
    <div className="space-y-4">
      <PhotoUploader houseId={houseId} house={house} onChanged={onChanged} />
      <PhotoList houseId={houseId} house={house} onChanged={onChanged} />
      <VideoUploader houseId={houseId} house={house} onChanged={onChanged} />
      <Button block onClick={onNext}>
        下一步
      </Button>
    </div>
  );
}

interface QueuedPhoto {
  key: string;
  file: File;
  room: string;
  area: string;
  orientation: string;
  /** 0–1 while uploading. */
  progress: number | null;
  error: string | null;
}

function PhotoUploader({ houseId, house, onChanged }: MediaProps) {
  const [room, setRoom] = useState("3");
  const [area, setArea] = useState("");
  const [orientation, setOrientation] = useState("");
  const [queue, setQueue] = useState<QueuedPhoto[]>([]);
  const update = (key: string, patch: Partial<QueuedPhoto>) =>
    setQueue((current) => current.map((item) => (item.key === key ? { ...item, ...patch } : item)));

  function add(files: FileList | null) {
    const picked = [...(files ?? [])].map((file, index) => ({
      key: `${Date.now()}-${index}-${file.name}`,
      file,
      room,
      area: isBedroom(room) ? area : "",
      orientation: isBedroom(room) ? orientation : "",
      progress: null,
      error: null,
    }));
    setQueue((current) => [...current, ...picked]);
  }

  async function send(item: QueuedPhoto): Promise<boolean> {
    update(item.key, { progress: 0, error: null });
    const form = new FormData();
    form.append("house_id", String(houseId));
    form.append("rooms_type", item.room);
    if (isBedroom(item.room) && item.area) form.append("rooms_area", item.area);
    if (isBedroom(item.room) && item.orientation)
      form.append("rooms_orientation", item.orientation);
    try {
      // EXIF is read before downscaling drops it; only the distance bucket is sent.
      form.append("gps_distance_bucket", String(await photoDistanceBucket(item.file, house)));
      form.append("house_photo", await downscaleImage(item.file));
      await uploadWithProgress("/api/create_house_photo", form, (progress) =>
        update(item.key, { progress }),
      ).promise;
      setQueue((current) => current.filter((queued) => queued.key !== item.key));
      return true;
    } catch (error) {
      update(item.key, { progress: null, error: errorText(error) });
      return false;
    }
  }

  const uploading = useAction(async (items: QueuedPhoto[]) => {
    for (const item of items) await send(item);
    await onChanged();
  });

  return (
    <Card className="space-y-4">
      <h2 className="text-sm font-semibold">添加照片</h2>
      <Field label="房间" htmlFor="photo-room">
        <Select
          id="photo-room"
          value={room}
          onChange={(e) => setRoom(e.target.value)}
          options={roomOptions}
          placeholder="选择房间"
        />
      </Field>
      {isBedroom(room) && (
        <div className="grid grid-cols-2 gap-3">
          <Field label="房间面积（㎡）" htmlFor="photo-area">
            <TextInput
              id="photo-area"
              inputMode="numeric"
              value={area}
              onChange={(e) => setArea(e.target.value)}
            />
          </Field>
          <Field label="窗户朝向" htmlFor="photo-orientation">
            <Select
              id="photo-orientation"
              value={orientation}
              onChange={(e) => setOrientation(e.target.value)}
              options={ORIENTATIONS.map((o) => [o, o] as const)}
            />
          </Field>
        </div>
      )}
      <div>
        <label
          htmlFor="photo-file"
          className="inline-flex min-h-11 cursor-pointer items-center rounded-lg border border-stone-300 bg-white px-3 text-sm text-stone-700 active:bg-stone-100"
        >
          选择照片（可多选）
        </label>
        <input
          id="photo-file"
          type="file"
          accept="image/*"
          multiple
          aria-label="选择照片"
          className="sr-only"
          onChange={(event) => {
            add(event.target.files);
            event.target.value = "";
          }}
        />
      </div>
      {queue.length > 0 && (
        <ul className="space-y-3" data-testid="photo-queue">
          {queue.map((item, index) => (
            <li key={item.key} className="space-y-2 rounded-lg border border-stone-200 p-2">
              <div className="flex items-center gap-2">
                <span className="min-w-0 flex-1 truncate text-xs text-stone-600">
                  {item.file.name}
                </span>
                <Select
                  id={`photo-queue-room-${index}`}
                  aria-label={`${item.file.name} 的房间`}
                  className="w-28"
                  value={item.room}
                  disabled={item.progress !== null}
                  onChange={(e) => update(item.key, { room: e.target.value })}
                  options={roomOptions}
                  placeholder="房间"
                />
                <Button
                  variant="ghost"
                  aria-label={`移除 ${item.file.name}`}
                  disabled={item.progress !== null}
                  onClick={() => setQueue((current) => current.filter((q) => q.key !== item.key))}
                >
                  ×
                </Button>
              </div>
              {item.progress !== null && (
                <ProgressBar value={item.progress} label={`${item.file.name} 上传进度`} />
              )}
              {item.error && (
                <div className="flex items-center justify-between gap-2">
                  <p role="alert" className="text-xs text-red-600">
                    {item.error}
                  </p>
                  <Button variant="secondary" onClick={() => uploading.run([item])}>
                    重试
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {uploading.failure && <Notice>{uploading.failure}</Notice>}
      <Button
        block
        variant="secondary"
        disabled={queue.length === 0}
        busy={uploading.pending}
        onClick={() => uploading.run(queue.filter((item) => item.progress === null))}
      >
        {queue.length > 1 ? `上传 ${queue.length} 张照片` : "上传照片"}
      </Button>
    </Card>
  );
}

function PhotoList({ houseId, house, onChanged }: MediaProps) {
  const byId = new Map(
    (house?.photos_by_room ?? []).flatMap((room) =>
      room.photos.map((photo) => [photo.id, { ...photo, room: room.rooms_type_name }] as const),
    ),
  );
  const photos = (house?.photo_ids ?? []).flatMap((id) => byId.get(id) ?? []);
  const action = useAction(async (call: () => Promise<unknown>) => {
    await call();
    await onChanged();
  });
  const saveOrder = (ids: number[]) =>
    action.run(() =>
      api("/api/set_house_photo_order", { form: { house_id: houseId, photo_ids: ids.join("|") } }),
    );
  const move = (from: number, to: number) => {
    const ids = photos.map((photo) => photo.id);
    const [moved] = ids.splice(from, 1);
    if (moved === undefined) return;
    ids.splice(to, 0, moved);
    void saveOrder(ids);
  };

  return (
    <Card className="space-y-3">
      <h2 className="text-sm font-semibold">已上传照片</h2>
      {photos.length === 0 && (
        <p className="text-sm text-stone-500">还没有照片，发布前至少需要一张。</p>
      )}
      {photos.length > 0 && (
        <p className="text-xs text-stone-500">第一张是封面，用箭头调整顺序。</p>
      )}
      <ul className="grid grid-cols-2 gap-3">
        {photos.map((photo, index) => (
          <li key={photo.id} className="space-y-1" data-testid="house-photo">
            <div className="relative">
              {/* biome-ignore lint/performance/noImgElement: thumbnails from our file API */}
              <img
                src={photo.thumb_url ?? photo.url ?? ""}
                alt={`${photo.room}，第 ${index + 1} 张`}
                className="aspect-square w-full rounded-lg object-cover"
              />
              {index === 0 && (
                <span className="absolute top-1 left-1 rounded bg-brand px-1.5 text-xs text-white">
                  封面
                </span>
              )}
            </div>
            <p className="text-xs text-stone-500">{photo.room}</p>
            <div className="flex flex-wrap gap-1">
              <Button
                variant="ghost"
                aria-label="前移"
                disabled={index === 0 || action.pending}
                onClick={() => move(index, index - 1)}
              >
                ←
              </Button>
              <Button
                variant="ghost"
                aria-label="后移"
                disabled={index === photos.length - 1 || action.pending}
                onClick={() => move(index, index + 1)}
              >
                →
              </Button>
              {index > 0 && (
                <Button variant="ghost" disabled={action.pending} onClick={() => move(index, 0)}>
                  设为封面
                </Button>
              )}
              <Button
                variant="ghost"
                aria-label="删除照片"
                disabled={action.pending}
                onClick={() =>
                  action.run(() => api("/api/delete_house_photo", { form: { photo_id: photo.id } }))
                }
              >
                删除
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {action.failure && <Notice>{action.failure}</Notice>}
    </Card>
  );
}

function VideoUploader({ houseId, house, onChanged }: MediaProps) {
  const [file, setFile] = useState<File | null>(null);
  const { progress, upload } = useUpload();
  const videos = house?.videos ?? [];
  const action = useAction(async (call: () => Promise<unknown>) => {
    await call();
    await onChanged();
  });
  const send = () =>
    action.run(async () => {
      if (!file) return;
      const form = new FormData();
      form.append("house_id", String(houseId));
      form.append("house_video", file);
      await upload("/api/create_house_video", form);
      setFile(null);
    });
  const fileError = action.fieldError("house_video");

  return (
    <Card className="space-y-4">
      <h2 className="text-sm font-semibold">视频（选填）</h2>
      {videos.map((video) => (
        <div key={video.id} className="flex items-center gap-2" data-testid="house-video">
          {/* biome-ignore lint/a11y/useMediaCaption: landlord's own walkthrough video, no speech track */}
          <video
            src={video.url ?? ""}
            controls
            preload="metadata"
            className="h-24 flex-1 rounded-lg bg-black"
          />
          <Button
            variant="danger"
            onClick={() =>
              action.run(() => api("/api/delete_house_video", { form: { video_id: video.id } }))
            }
          >
            删除
          </Button>
        </div>
      ))}
      <FilePicker
        id="video-file"
        label="房源视频"
        accept="video/*"
        file={file}
        onChange={setFile}
        progress={progress}
        error={fileError}
      />
      {action.failure && !fileError && <Notice>{action.failure}</Notice>}
      <Button block variant="secondary" disabled={!file} busy={action.pending} onClick={send}>
        上传视频
      </Button>
    </Card>
  );
}
