import { applicationServerKeyFrom, desktopStateOf, isSameKey, type DesktopState } from "./push-support";

export function isPushSupported(): boolean {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

export async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration("/");
  return registration ? registration.pushManager.getSubscription() : null;
}

export async function readDesktopState(knownEndpoints: readonly string[]): Promise<Exclude<DesktopState, "checking">> {
  if (!isPushSupported()) return "unsupported";
  const subscription = Notification.permission === "granted" ? await currentSubscription() : null;
  return desktopStateOf({
    isSupported: true,
    permission: Notification.permission,
    subscribedEndpoint: subscription?.endpoint ?? null,
    knownEndpoints,
  });
}

export type SubscribeOutcome =
  { outcome: "subscribed"; subscription: PushSubscriptionJSON } | { outcome: "blocked" } | { outcome: "dismissed" };

/**
 * Asks for permission, registers /sw.js and subscribes with our VAPID key. A subscription made
 * with an older key can't receive our pushes any more, so it is replaced rather than reused.
 */
export async function subscribeThisBrowser(vapidPublicKey: string): Promise<SubscribeOutcome> {
  const permission = await Notification.requestPermission();
  if (permission === "denied") return { outcome: "blocked" };
  if (permission !== "granted") return { outcome: "dismissed" };
  await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  const registration = await navigator.serviceWorker.ready;
  const key = applicationServerKeyFrom(vapidPublicKey);
  const existing = await registration.pushManager.getSubscription();
  if (existing && isSameKey(existing.options.applicationServerKey, key)) {
    return { outcome: "subscribed", subscription: existing.toJSON() };
  }
  await existing?.unsubscribe();
  const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  return { outcome: "subscribed", subscription: subscription.toJSON() };
}
