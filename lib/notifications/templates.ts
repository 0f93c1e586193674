// Template messages leave the platform through WeChat: they must never carry phone numbers, ID
// numbers or full names. Configuration may not map personal payload keys onto a template field
// (WECHAT_TEMPLATES, checked in lib/env.ts), and every value is scrubbed of anything shaped like
// a phone or ID number before it is sent.
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/** Removes phone and ID numbers from a text bound for an outside channel. */
export function scrubPersonalData(value: string): string {
  return value.replace(ID_NUMBER, "[已隐藏]").replace(MOBILE, "[已隐藏]");
}
