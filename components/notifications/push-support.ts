/**
 * What the settings dialog says about desktop notifications in this browser (spec §6):
 * the browser's own permission decides first, then whether the server holds its subscription.
 */
export type DesktopState = "checking" | "unsupported" | "blocked" | "on" | "off";

export function desktopStateOf(browser: {
  isSupported: boolean;
  permission: NotificationPermission;
  subscribedEndpoint: string | null;
  knownEndpoints: readonly string[];
}): Exclude<DesktopState, "checking"> {
  if (!browser.isSupported) return "unsupported";
  if (browser.permission === "denied") return "blocked";
  const isKnown = browser.subscribedEndpoint !== null && browser.knownEndpoints.includes(browser.subscribedEndpoint);
  return browser.permission === "granted" && isKnown ? "on" : "off";
}

/** The VAPID public key (base64url, as web-push prints it) as the bytes PushManager.subscribe wants. */
export function applicationServerKeyFrom(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Whether an existing subscription was made with this key; after a key change it must be replaced. */
export function isSameKey(existing: ArrayBuffer | null | undefined, expected: Uint8Array): boolean {
  if (!existing) return false;
  const bytes = new Uint8Array(existing);
  return bytes.length === expected.length && bytes.every((byte, i) => byte === expected[i]);
}
