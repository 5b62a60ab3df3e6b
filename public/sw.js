/*
 * Switchboard's service worker: shows the web pushes of spec §6 and opens the conversation on
 * click. The payload is JSON {title, body, url, tag} (lib/notifications/send-push.ts).
 */

self.addEventListener("install", () => self.skipWaiting());

// Controlling open tabs at once lets a click navigate them (WindowClient.navigate needs control).
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function readPayload(data) {
  if (!data) return {};
  try {
    return data.json();
  } catch {
    return { body: data.text() };
  }
}

/** Only our own pages: a payload can't send the user to another site. */
function sameOriginUrl(url) {
  const target = new URL(url || "/messaging", self.location.origin);
  return target.origin === self.location.origin ? target.href : new URL("/messaging", self.location.origin).href;
}

self.addEventListener("push", (event) => {
  const payload = readPayload(event.data);
  event.waitUntil(
    self.registration.showNotification(payload.title || "Switchboard", {
      body: payload.body || "",
      tag: payload.tag || undefined,
      icon: "/notification-icon.png",
      data: { url: sameOriginUrl(payload.url) },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = sameOriginUrl(event.notification.data && event.notification.data.url);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const ours = windows.filter((client) => new URL(client.url).origin === self.location.origin);
      const tab = ours.find((client) => client.url === url) || ours.find((client) => client.focused) || ours[0];
      if (tab) {
        try {
          const focused = await tab.focus();
          if (focused.url !== url) await focused.navigate(url);
          return;
        } catch {
          // A tab this worker doesn't control can't be navigated; a new window still opens it.
        }
      }
      await self.clients.openWindow(url);
    })(),
  );
});
