// client-safe: the profile form imports it, so no server imports (scripts/check-layers.ts).

/**
 * The name shown for a user: the nickname they set, else the one WeChat gave at sign-in, else
 * null (an empty string counts as not set). Callers pick their own last resort.
 */
export function displayName(
  nickname: string | null | undefined,
  wxNickname: string | null | undefined,
): string | null {
  return nickname || wxNickname || null;
}
