const LOCAL_ORIGIN = "http://local.invalid";

/**
 * `value` as a same-origin local path (`/path?query`), or null for anything that could leave
 * the site: absolute URLs, protocol-relative `//host` and `/\host` (browsers treat `\` as `/`),
 * control characters, overlong values. The fragment is dropped.
 */
export function localReturnPath(value: string | null | undefined): string | null {
  if (!value || value.length > 1024 || !value.startsWith("/")) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(value) || value.startsWith("//")) return null;
  const parsed = new URL(value, LOCAL_ORIGIN);
  if (parsed.origin !== LOCAL_ORIGIN) return null;
  return `${parsed.pathname}${parsed.search}`;
}
