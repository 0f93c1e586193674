"use client";

import { useState } from "react";
import { downscaleImage } from "@/components/landlord/downscale";
import { Button } from "@/components/ui/button";
import { Field, Notice, Select, TextInput } from "@/components/ui/field";
import { Card } from "@/components/ui/page-shell";
import { FilePicker, useUpload } from "@/components/ui/upload";
import { BEDROOM_TYPES, ORIENTATIONS, ROOM_TYPES } from "@/lib/houses/labels";
import { photoDistanceBucket } from "@/lib/houses/photo-location";
import { ApiRequestError, api, errorText } from "@/lib/swr/fetcher";
import type { HouseDetail } from "@/lib/swr/hooks";

const roomOptions = Object.entries(ROOM_TYPES).map(([code, name]) => [Number(code), name] as const);

/**
 * Photos are added one at a time per room type (Android WeChat cannot multi-select), each
 * downscaled in the browser before upload; the video goes up as is, with its own progress bar.
 */
export function MediaStep({
  houseId,
  house,
  onChanged,
  onNext,
}: {
  houseId: number;
  house: HouseDetail | undefined;
  onChanged: () => Promise<unknown>;
  onNext: () => void;
}) {
  return (
    <div className="space-y-4">
      <PhotoUploader houseId={houseId} house={house} onChanged={onChanged} />
      <PhotoList house={house} onChanged={onChanged} />
      <VideoUploader houseId={houseId} house={house} onChanged={onChanged} />
      <Button block onClick={onNext}>
        下一步
      </Button>
    </div>
  );
}

function PhotoUploader({
  houseId,
  house,
  onChanged,
}: {
  houseId: number;
  house: HouseDetail | undefined;
  onChanged: () => Promise<unknown>;
}) {
  const [room, setRoom] = useState("3");
  const [area, setArea] = useState("");
  const [orientation, setOrientation] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  const [preparing, setPreparing] = useState(false);
  const { progress, upload } = useUpload();
  const bedroom = (BEDROOM_TYPES as readonly number[]).includes(Number(room));
  const fieldError = (name: string) =>
    failure instanceof ApiRequestError && failure.field === name ? failure.message : undefined;

  async function send() {
    if (!file) return;
    setFailure(null);
    setPreparing(true);
    const form = new FormData();
    form.append("house_id", String(houseId));
    form.append("rooms_type", room);
    if (bedroom && area) form.append("rooms_area", area);
    if (bedroom && orientation) form.append("rooms_orientation", orientation);
    try {
      // EXIF is read before downscaling drops it; only the distance bucket is sent.
      form.append("gps_distance_bucket", String(await photoDistanceBucket(file, house)));
      form.append("house_photo", await downscaleImage(file));
      setPreparing(false);
      await upload("/api/create_house_photo", form);
      setFile(null);
      await onChanged();
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setPreparing(false);
    }
  }

  return (
    <Card className="space-y-4">
      <h2 className="text-sm font-semibold">添加照片</h2>
      <Field label="房间" htmlFor="photo-room" error={fieldError("rooms_type")}>
        <Select
          id="photo-room"
          value={room}
          onChange={(e) => setRoom(e.target.value)}
          options={roomOptions}
          placeholder="选择房间"
        />
      </Field>
      {bedroom && (
        <div className="grid grid-cols-2 gap-3">
          <Field label="房间面积（㎡）" htmlFor="photo-area" error={fieldError("rooms_area")}>
            <TextInput
              id="photo-area"
              inputMode="numeric"
              value={area}
              onChange={(e) => setArea(e.target.value)}
            />
          </Field>
          <Field
            label="窗户朝向"
            htmlFor="photo-orientation"
            error={fieldError("rooms_orientation")}
          >
            <Select
              id="photo-orientation"
              value={orientation}
              onChange={(e) => setOrientation(e.target.value)}
              options={ORIENTATIONS.map((o) => [o, o] as const)}
            />
          </Field>
        </div>
      )}
      <FilePicker
        id="photo-file"
        label="照片（一次一张）"
        file={file}
        onChange={setFile}
        progress={progress}
        error={fieldError("house_photo")}
      />
      {failure && !(failure instanceof ApiRequestError && failure.field) && (
        <Notice>{errorText(failure)}</Notice>
      )}
      <Button
        block
        variant="secondary"
        disabled={!file || !room}
        busy={preparing || progress !== null}
        onClick={send}
      >
        上传这张照片
      </Button>
    </Card>
  );
}

function PhotoList({
  house,
  onChanged,
}: {
  house: HouseDetail | undefined;
  onChanged: () => Promise<unknown>;
}) {
  const [failure, setFailure] = useState<string | null>(null);
  const rooms = house?.photos_by_room ?? [];
  async function remove(photoId: number) {
    setFailure(null);
    try {
      await api("/api/delete_house_photo", { form: { photo_id: photoId } });
      await onChanged();
    } catch (error) {
      setFailure(errorText(error));
    }
  }
  return (
    <Card className="space-y-3">
      <h2 className="text-sm font-semibold">已上传照片</h2>
      {rooms.length === 0 && (
        <p className="text-sm text-stone-500">还没有照片，发布前至少需要一张。</p>
      )}
      {rooms.map((room) => (
        <div key={room.rooms_type} className="space-y-2">
          <p className="text-xs text-stone-500">{room.rooms_type_name}</p>
          <ul className="grid grid-cols-3 gap-2">
            {room.photos.map((photo) => (
              <li key={photo.id} className="relative" data-testid="house-photo">
                {/* biome-ignore lint/performance/noImgElement: thumbnails from our file API */}
                <img
                  src={photo.thumb_url ?? photo.url ?? ""}
                  alt={room.rooms_type_name}
                  className="aspect-square w-full rounded-lg object-cover"
                />
                <button
                  type="button"
                  aria-label="删除照片"
                  onClick={() => remove(photo.id)}
                  className="absolute top-1 right-1 h-7 w-7 rounded-full bg-black/60 text-sm text-white"
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {failure && <Notice>{failure}</Notice>}
    </Card>
  );
}

function VideoUploader({
  houseId,
  house,
  onChanged,
}: {
  houseId: number;
  house: HouseDetail | undefined;
  onChanged: () => Promise<unknown>;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  const { progress, upload } = useUpload();
  const videos = house?.videos ?? [];

  async function send() {
    if (!file) return;
    setFailure(null);
    const form = new FormData();
    form.append("house_id", String(houseId));
    form.append("house_video", file);
    try {
      await upload("/api/create_house_video", form);
      setFile(null);
      await onChanged();
    } catch (error) {
      setFailure(error as Error);
    }
  }

  async function remove(videoId: number) {
    try {
      await api("/api/delete_house_video", { form: { video_id: videoId } });
      await onChanged();
    } catch (error) {
      setFailure(error as Error);
    }
  }

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
          <Button variant="danger" onClick={() => remove(video.id)}>
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
        error={
          failure instanceof ApiRequestError && failure.field === "house_video"
            ? failure.message
            : undefined
        }
      />
      {failure && !(failure instanceof ApiRequestError && failure.field === "house_video") && (
        <Notice>{errorText(failure)}</Notice>
      )}
      <Button block variant="secondary" disabled={!file} busy={progress !== null} onClick={send}>
        上传视频
      </Button>
    </Card>
  );
}
