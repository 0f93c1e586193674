import "server-only";
import { isIP } from "node:net";

/**
 * The header the custom server (`scripts/server.ts`) sets on every request to the client address
 * it trusts; a value a client sends under this name is overwritten, never passed on.
 */
export const CLIENT_ADDRESS_HEADER = "x-zhizu-client-ip";

/** Used where no trusted address exists (see `clientAddress`): all such callers share one key. */
export const UNKNOWN_CLIENT_ADDRESS = "unknown";

/** "::ffff:203.0.113.7" (an IPv4 peer on a dual-stack socket) is the IPv4 address. */
function normalise(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (mapped?.[1] ?? trimmed).toLowerCase();
}

/**
 * The client's address from the TCP peer and X-Forwarded-For, trusting `trustedHops` proxies:
 * each one appends the address it received the request from, so with N trusted proxies the
 * client is the Nth entry from the right (counting the socket as entry 0). Entries further left
 * are whatever the client wrote and are never used. A missing or malformed entry where a trusted
 * proxy should have written one falls back to the nearest trusted address.
 */
export function trustedClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string {
  let address = socketAddress ? normalise(socketAddress) : UNKNOWN_CLIENT_ADDRESS;
  if (trustedHops === 0 || !forwardedFor) return address;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map(normalise)
    .filter(Boolean);
  for (let hop = 1; hop <= trustedHops; hop++) {
    const entry = entries[entries.length - hop];
    if (!entry || !isIP(entry)) break;
    address = entry;
  }
  return address;
}

/**
 * The trusted client address of a request, as set by the custom server. Without that header
 * (`next dev`, `next start` run by hand, unit tests building a Request) there is no trustworthy
 * source, since X-Forwarded-For is whatever the client sent, so every such request counts as
 * one client, "unknown": a per-address limit then holds for all of them together.
 */
export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER)?.trim() || UNKNOWN_CLIENT_ADDRESS;
}
