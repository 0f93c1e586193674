"use client";

import { useEffect, useState } from "react";
import { useAction } from "@/lib/forms/use-action";
import { api } from "@/lib/swr/fetcher";

// 收藏. Signing in is required: a signed-out tap goes to /login and comes back with `fav=<id>`
// in the URL, which useFavoriteIntent turns into the favourite once signed in.

const INTENT_PARAM = "fav";

export interface FavoriteAnswer {
  house_id: number;
  favorited: boolean;
  praise_count: number;
}

function setFavorite(houseId: number, on: boolean): Promise<FavoriteAnswer> {
  return api("/api/favorite", {
    form: { house_id: houseId, action: on ? "add" : "remove" },
  });
}

/** Sends a signed-out user to sign in, back to this page with the intent in the URL. */
function signInToFavorite(houseId: number) {
  const back = new URL(window.location.href);
  back.searchParams.set(INTENT_PARAM, String(houseId));
  window.location.assign(`/login?callbackUrl=${encodeURIComponent(back.pathname + back.search)}`);
}

/** After sign-in: favourites the listing named in the URL, then drops the parameter. */
export function useFavoriteIntent(signedIn: boolean, onDone: (answer: FavoriteAnswer) => void) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for the URL the page opened with
  useEffect(() => {
    const url = new URL(window.location.href);
    const id = Number(url.searchParams.get(INTENT_PARAM));
    if (!signedIn || !Number.isInteger(id) || id <= 0) return;
    url.searchParams.delete(INTENT_PARAM);
    window.history.replaceState(null, "", url.pathname + url.search);
    void setFavorite(id, true).then(onDone, () => undefined);
  }, []);
}

export function FavoriteButton({
  houseId,
  favorited,
  signedIn,
  onChange,
  className = "",
  withLabel = false,
}: {
  houseId: number;
  favorited: boolean;
  signedIn: boolean;
  onChange: (answer: FavoriteAnswer) => void;
  className?: string;
  withLabel?: boolean;
}) {
  const toggle = useAction(async () => onChange(await setFavorite(houseId, !favorited)));
  return (
    <button
      type="button"
      aria-pressed={favorited}
      aria-label={favorited ? "取消收藏" : "收藏"}
      title={toggle.failure ?? undefined}
      disabled={toggle.pending}
      data-testid="favorite-button"
      onClick={(event) => {
        event.preventDefault();
        event.stopPropagation();
        if (!signedIn) return signInToFavorite(houseId);
        void toggle.run();
      }}
      className={`flex items-center gap-1 ${favorited ? "text-brand" : "text-stone-500"} disabled:opacity-60 ${className}`}
    >
      <span aria-hidden className="text-xl leading-none">
        {favorited ? "♥" : "♡"}
      </span>
      {withLabel && <span className="text-sm">{favorited ? "已收藏" : "收藏"}</span>}
    </button>
  );
}

/** The detail page's 收藏: holds its own state and completes an intent kept across sign-in. */
export function FavoriteToggle({
  houseId,
  initial,
  signedIn,
}: {
  houseId: number;
  initial: boolean;
  signedIn: boolean;
}) {
  const [favorited, setFavorited] = useState(initial);
  const onChange = (answer: FavoriteAnswer) => {
    if (answer.house_id === houseId) setFavorited(answer.favorited);
  };
  useFavoriteIntent(signedIn, onChange);
  return (
    <FavoriteButton
      houseId={houseId}
      favorited={favorited}
      signedIn={signedIn}
      onChange={onChange}
      withLabel
    />
  );
}
