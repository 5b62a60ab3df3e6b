import { beforeAll, describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress, parseTrustedProxies, SOCKET_ADDRESS_HEADER, socketStamp } from "@/lib/http/client-address";

const request = (socket: string | null, forwarded?: string) => {
  const headers = new Headers();
  if (socket) headers.set(SOCKET_ADDRESS_HEADER, socket);
  if (forwarded !== undefined) headers.set("x-forwarded-for", forwarded);
  return headers;
};

describe("clientAddress", () => {
  beforeAll(() => {
    socketStamp.installed = true;
  });

  it("uses the socket's address without TRUSTED_PROXIES, whatever X-Forwarded-For says", () => {
    expect(clientAddress(request("203.0.113.5", "1.2.3.4"), {})).toBe("203.0.113.5");
    expect(clientAddress(request("::ffff:203.0.113.5", "1.2.3.4"), { TRUSTED_PROXIES: "0" })).toBe("203.0.113.5");
  });

  it("with a hop count, takes the address that many hops left of the socket", () => {
    const env = { TRUSTED_PROXIES: "2" };
    expect(clientAddress(request("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.1"), env)).toBe("198.51.100.7");
    // Fewer hops than proxies: the furthest one there is.
    expect(clientAddress(request("10.0.0.2", "198.51.100.7"), env)).toBe("198.51.100.7");
    expect(clientAddress(request("10.0.0.2", "not-an-ip, 10.0.0.1"), env)).toBe("10.0.0.2");
  });

  it("with CIDRs, skips trusted hops from the right, IPv4 and IPv6", () => {
    const env = { TRUSTED_PROXIES: "10.0.0.0/8, fd00::/8, ::1" };
    expect(clientAddress(request("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.9.9.9"), env)).toBe("198.51.100.7");
    expect(clientAddress(request("fd12::1", "2001:db8::7"), env)).toBe("2001:db8::7");
    expect(clientAddress(request("::1", "[2001:db8::8]"), env)).toBe("2001:db8::8");
    // An untrusted socket is the client, whatever it forwards.
    expect(clientAddress(request("198.51.100.9", "6.6.6.6"), env)).toBe("198.51.100.9");
    // A forged entry that is no address stops the walk at the last real hop.
    expect(clientAddress(request("10.0.0.2", "<script>, 10.0.0.3"), env)).toBe("10.0.0.3");
  });

  it("is null when the server stamped no socket address", () => {
    expect(clientAddress(request(null, "1.2.3.4"), {})).toBeNull();
    socketStamp.installed = false;
    expect(clientAddress(request("203.0.113.5"), {})).toBeNull();
    socketStamp.installed = true;
  });
});

describe("parseTrustedProxies", () => {
  it("refuses a value that is neither a count nor CIDRs, so a typo trusts no one by accident", () => {
    expect(() => parseTrustedProxies("yes")).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/TRUSTED_PROXIES/);
    expect(parseTrustedProxies("")).toEqual({ kind: "none" });
    expect(parseTrustedProxies("1")).toEqual({ kind: "hops", hops: 1 });
  });

  it("normalizes addresses", () => {
    expect(normalizeAddress("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normalizeAddress("localhost")).toBeNull();
  });
});
