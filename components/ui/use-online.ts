"use client";

import { useRef, useSyncExternalStore } from "react";

function subscribe(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

/** Whether the browser believes it is online; the server always renders "online". */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  );
}

/**
 * `value` while online; offline, the value it had when the network went. A search key passed
 * through it is not changed offline, so the loaded results stay as they are (no request that
 * must fail, no re-render), and the latest search is sent when the network returns.
 */
export function useHeldWhileOffline<T>(value: T, online: boolean): T {
  const held = useRef(value);
  if (online) held.current = value;
  return held.current;
}

export const OFFLINE_TEXT = "网络不可用，已加载的内容仍可查看，网络恢复后会自动重试";
