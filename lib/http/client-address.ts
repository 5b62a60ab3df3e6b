import { isIP } from "node:net";

/**
 * Which address a request came from (SPEC §15). Next 16 does not hand route handlers or Auth.js
 * the socket's address, and its own X-Forwarded-For is the client's header when one was sent.
 * So the server stamps each request with its socket address in SOCKET_ADDRESS_HEADER, removing
 * any copy a client sent (lib/server/socket-address.ts, installed by instrumentation.ts).
 * X-Forwarded-For counts only through TRUSTED_PROXIES:
 *   unset   → the socket's address; X-Forwarded-For is ignored.
 *   `2`     → two proxies in front: the address two hops left of the socket's.
 *   CIDRs   → hops from the right are skipped while they are in one of the ranges
 *             (`10.0.0.0/8, 172.16.0.0/12, ::1/128`); the first that is not is the client.
 */
export const SOCKET_ADDRESS_HEADER = "x-switchboard-socket-address";

type Stamp = { installed?: boolean };
/** Set once the server strips and stamps the header; before that (scripts, tests) it is not trusted. */
export const socketStamp: Stamp = ((globalThis as { __switchboardSocketStamp?: Stamp }).__switchboardSocketStamp ??= {});

type Cidr = { bytes: Uint8Array; bits: number };
type Trust = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "cidrs"; ranges: Cidr[] };

/** `::ffff:192.0.2.1` is the IPv4 address; zone ids go; anything not an IP is null. */
export function normalizeAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  let address = value.trim().toLowerCase();
  if (address.startsWith("[") && address.includes("]")) address = address.slice(1, address.indexOf("]"));
  address = address.replace(/%.*$/, "");
  if (address.startsWith("::ffff:") && isIP(address.slice(7)) === 4) address = address.slice(7);
  return isIP(address) ? address : null;
}

function bytesOf(address: string): Uint8Array | null {
  if (isIP(address) === 4) return Uint8Array.from(address.split(".").map(Number));
  if (isIP(address) !== 6) return null;
  const [head, tail] = address.includes("::") ? address.split("::") : [address, undefined];
  const part = (text: string | undefined) => (text ? text.split(":") : []);
  let groups = [...part(head), ...(tail === undefined ? [] : part(tail))];
  // An embedded IPv4 tail (::ffff:1.2.3.4 was normalized away, but 64:ff9b::1.2.3.4 stays) is two groups.
  const last = groups[groups.length - 1];
  if (last && isIP(last) === 4) {
    const [a, b, c, d] = last.split(".").map(Number) as [number, number, number, number];
    groups = [...groups.slice(0, -1), ((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
  }
  if (tail !== undefined) {
    const missing = 8 - groups.length;
    const before = part(head).length;
    groups = [...groups.slice(0, before), ...Array(missing).fill("0"), ...groups.slice(before)];
  }
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    const value = parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  return bytes;
}

function cidrOf(entry: string): Cidr | null {
  const [addressPart, bitsPart] = entry.split("/");
  const address = normalizeAddress(addressPart);
  if (!address) return null;
  const bytes = bytesOf(address)!;
  const bits = bitsPart === undefined ? bytes.length * 8 : Number(bitsPart);
  if (!Number.isInteger(bits) || bits < 0 || bits > bytes.length * 8) return null;
  return { bytes, bits };
}

function inRange(address: string, range: Cidr): boolean {
  const bytes = bytesOf(address);
  if (!bytes || bytes.length !== range.bytes.length) return false;
  for (let bit = 0; bit < range.bits; bit += 1) {
    const mask = 0x80 >> bit % 8;
    if ((bytes[bit >> 3]! & mask) !== (range.bytes[bit >> 3]! & mask)) return false;
  }
  return true;
}

/** Throws on a value that is neither a hop count nor a list of CIDRs: a typo must not trust everyone. */
export function parseTrustedProxies(value: string | undefined): Trust {
  const text = (value ?? "").trim();
  if (!text) return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops === 0 ? { kind: "none" } : { kind: "hops", hops };
  }
  const entries = text.split(",").map((part) => part.trim()).filter(Boolean);
  const ranges = entries.map(cidrOf);
  const bad = entries.filter((_, i) => !ranges[i]);
  if (bad.length > 0) throw new Error(`TRUSTED_PROXIES: not a hop count or CIDR list (${bad.join(", ")})`);
  return { kind: "cidrs", ranges: ranges as Cidr[] };
}

/** The client's address for this request, or null when the server could not stamp one. */
export function clientAddress(headers: Headers, env: Record<string, string | undefined> = process.env): string | null {
  if (!socketStamp.installed) return null;
  const socket = normalizeAddress(headers.get(SOCKET_ADDRESS_HEADER));
  if (!socket) return null;
  const trust = parseTrustedProxies(env.TRUSTED_PROXIES);
  if (trust.kind === "none") return socket;

  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map((hop) => hop.trim()).filter(Boolean);
  // Right to left: the socket's address, then what each proxy appended.
  const hops = [...forwarded, socket];
  if (trust.kind === "hops") {
    const index = hops.length - 1 - trust.hops;
    return normalizeAddress(hops[Math.max(0, index)]) ?? socket;
  }
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = normalizeAddress(hops[i]);
    // A hop that is no address was written by someone we do not trust: stop at the last good one.
    if (!hop) return normalizeAddress(hops[i + 1]) ?? socket;
    if (!trust.ranges.some((range) => inRange(hop, range))) return hop;
  }
  return normalizeAddress(hops[0]) ?? socket;
}
