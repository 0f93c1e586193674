// client-safe: the phone-code form checks numbers with this rule, so no server imports (scripts/check-layers.ts).
// A mainland mobile number: 11 digits starting 13–19. Plain (zod-free) so that a tenant page can
// check it without bundling zod; the API's schemas build on the same rule.

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const MOBILE_PROBLEM = "应为 11 位中国大陆手机号";

/** Spaces dropped, as the API does before checking. */
export function normalizeMobile(input: string): string {
  return input.replace(/\s+/g, "");
}

export function isMobile(input: string): boolean {
  return MOBILE_PATTERN.test(normalizeMobile(input));
}
