import { describe, expect, it } from "vitest";
import { applicationServerKeyFrom, desktopStateOf, isSameKey } from "@/components/notifications/push-support";

// A VAPID public key as web-push generates it: an uncompressed P-256 point, 65 bytes, base64url.
const VAPID_PUBLIC_KEY = "BPF5hdrBtvQBEArh_zbJCa_6a7cel5HSIPVNMNSNxF0G7eBX0zH7mIh2KEq1tGrWiXK8RXJ4w8olcgoTaiJSsss";
const ENDPOINT = "https://fcm.googleapis.com/fcm/send/abc";

describe("applicationServerKeyFrom", () => {
  it("decodes a VAPID public key to its 65 bytes, starting with the uncompressed-point marker", () => {
    const bytes = applicationServerKeyFrom(VAPID_PUBLIC_KEY);
    expect(bytes).toHaveLength(65);
    expect(bytes[0]).toBe(0x04);
    expect(Buffer.from(bytes).toString("base64url")).toBe(VAPID_PUBLIC_KEY);
  });

  it.each([
    ["-_8", [0xfb, 0xff]],
    ["-_8=", [0xfb, 0xff]],
    ["AQID", [1, 2, 3]],
    ["AQIDBA", [1, 2, 3, 4]],
    ["", []],
  ])("decodes %j (base64url characters, with or without padding)", (input, expected) => {
    expect(Array.from(applicationServerKeyFrom(input))).toEqual(expected);
  });
});

describe("isSameKey", () => {
  const key = applicationServerKeyFrom(VAPID_PUBLIC_KEY);

  it("recognises the key a subscription was made with", () => {
    expect(isSameKey(key.slice().buffer, key)).toBe(true);
  });

  it.each([
    ["a missing key", null],
    [
      "another key",
      (() => {
        const other = key.slice();
        other[64] ^= 1;
        return other.buffer;
      })(),
    ],
    ["a shorter key", key.slice(0, 64).buffer],
  ])("refuses %s", (_, existing) => {
    expect(isSameKey(existing, key)).toBe(false);
  });
});

describe("desktopStateOf", () => {
  const subscribed = { subscribedEndpoint: ENDPOINT, knownEndpoints: [ENDPOINT] };
  it.each([
    ["unsupported", { isSupported: false, permission: "granted", ...subscribed }],
    ["blocked", { isSupported: true, permission: "denied", ...subscribed }],
    ["on", { isSupported: true, permission: "granted", ...subscribed }],
    ["off", { isSupported: true, permission: "default", ...subscribed }],
    ["off", { isSupported: true, permission: "granted", subscribedEndpoint: null, knownEndpoints: [ENDPOINT] }],
    // The push service answered 410 and the server dropped it: the browser must subscribe again.
    ["off", { isSupported: true, permission: "granted", subscribedEndpoint: ENDPOINT, knownEndpoints: [] }],
  ] as const)("says %s for %j", (expected, browser) => {
    expect(desktopStateOf(browser)).toBe(expected);
  });
});
