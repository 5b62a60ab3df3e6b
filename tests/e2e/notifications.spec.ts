import type { Locator, Page } from "@playwright/test";
import { send, signedTwilioRequest, twilioInboundParams } from "@/lib/webhooks/signed-requests";
import { expect, test } from "./fixtures";
import { catalogs } from "./support/catalogs";

const t = catalogs.en.notifications;
const help = catalogs.en.help.notifications;

// The demo seed (lib/demo/seed.ts, SPEC §9): Demo Company's WhatsApp app and Ana Lopez's open, unassigned conversation.
const DEMO_WHATSAPP = {
  appId: "00000000-0000-4000-8000-00000000a002",
  accountSid: "AC0123456789abcdef0123456789abcdef",
  authToken: "demo-twilio-token",
  sender: "whatsapp:+14155238886",
};
const ANA_LOPEZ = "whatsapp:+14155551234";

/**
 * The e2e server runs a production build, where /dev/outbox is a 404 (SPEC §10). Against a server
 * started with NODE_ENV=development, set E2E_DEV_OUTBOX=1 to check the test email arrives there.
 */
const hasDevOutbox = process.env.E2E_DEV_OUTBOX === "1";

/** The bell at the top of the conversation list and its dialog (SPEC §6, §10). */
class NotificationSettings {
  readonly bell: Locator;
  readonly dialog: Locator;
  readonly save: Locator;

  constructor(readonly page: Page) {
    this.bell = page.getByRole("button", { name: t.settings });
    this.dialog = page.getByRole("dialog", { name: t.settings });
    this.save = this.dialog.getByRole("button", { name: t.save });
  }

  async open() {
    await this.page.goto("/messaging/unassigned");
    await this.bell.click();
    await expect(this.dialog).toBeVisible();
  }

  choice(channel: keyof typeof t.channels, event: keyof typeof t.events): Locator {
    return this.dialog.getByRole("checkbox", { name: `${t.channels[channel]}: ${t.events[event]}`, exact: true });
  }

  button(name: string): Locator {
    return this.dialog.getByRole("button", { name, exact: true });
  }

  get browserState(): Locator {
    return this.dialog.locator("[data-state]");
  }

  async saveAndConfirm() {
    await expect(this.save).toBeEnabled();
    await this.save.click();
    await expect(this.dialog.getByRole("status").filter({ hasText: t.saved })).toBeVisible();
    await expect(this.save).toBeDisabled();
  }
}

/** A browser that can't reach a push service: headless Chromium's Push API refuses to subscribe. */
function stubPushManager(endpoint: string) {
  const subscription = (key: BufferSource | null) => ({
    endpoint,
    options: { applicationServerKey: key },
    toJSON: () => ({ endpoint, keys: { p256dh: `B${"A".repeat(86)}`, auth: "A".repeat(22) } }),
    unsubscribe: async () => {
      localStorage.removeItem("e2e-push-key");
      return true;
    },
  });
  Object.defineProperty(Notification, "permission", { get: () => "granted" });
  Notification.requestPermission = async () => "granted";
  PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
    localStorage.setItem("e2e-push-key", "1");
    return subscription((options?.applicationServerKey as BufferSource) ?? null) as unknown as PushSubscription;
  };
  PushManager.prototype.getSubscription = async function () {
    return localStorage.getItem("e2e-push-key") ? (subscription(null) as unknown as PushSubscription) : null;
  };
}

test.describe("notifications", () => {
  test("alice changes a choice in the bell's dialog, saves with the green Save, and it is kept after a reload", async ({
    alice: { page },
  }) => {
    const settings = new NotificationSettings(page);
    await settings.open();
    const choice = settings.choice("desktop", "messageAssignedToOthers");
    await expect(choice).not.toBeChecked();
    await expect(settings.save).toBeDisabled();

    await choice.check();
    await expect(settings.save).toHaveCSS("background-color", "rgb(26, 127, 69)");
    await choice.uncheck();
    await expect(settings.save).toBeDisabled();
    await choice.check();
    await settings.saveAndConfirm();

    await page.keyboard.press("Escape");
    await expect(settings.dialog).toBeHidden();
    await expect(settings.bell).toBeFocused();

    await page.reload();
    await settings.bell.click();
    await expect(choice).toBeChecked();
    await expect(settings.choice("email", "messageAssignedToOthers")).not.toBeChecked();

    // Put alice's defaults back for the other specs.
    await choice.uncheck();
    await settings.saveAndConfirm();
    await page.reload();
    await settings.bell.click();
    await expect(choice).not.toBeChecked();
  });

  test("Send a test notification shows a toast in the open tab", async ({ alice: { page } }) => {
    const newestEmail = hasDevOutbox ? await newestOutboxEmail(page) : null;
    const settings = new NotificationSettings(page);
    await settings.open();
    await page.waitForFunction(() => document.documentElement.dataset.live === "connected");

    await settings.button(t.browser.sendTest).click();
    await expect(settings.dialog.getByText(t.browser.notice.testSent)).toBeVisible();
    await page.keyboard.press("Escape");

    const toast = page.getByRole("status").filter({ hasText: catalogs.en.notify.testTitle });
    await expect(toast).toBeVisible();
    await expect(toast).toContainText(catalogs.en.notify.testBody);
    // Toasts leave by themselves after about six seconds.
    await expect(toast).toHaveCount(0, { timeout: 12_000 });

    if (hasDevOutbox) {
      // Alice's defaults email her about her own conversations, so the test sends an email too.
      await expect(async () => {
        const email = await newestOutboxEmail(page);
        expect(email?.href).not.toBe(newestEmail?.href);
        expect(email?.text).toContain(catalogs.en.notify.email.testSubject);
        expect(email?.text).toContain("alice@demo.test");
      }).toPass({ timeout: 15_000 });
      await expect(
        page.frameLocator("iframe[sandbox='']").getByRole("heading", { name: catalogs.en.notify.email.testSubject }),
      ).toBeVisible();
    }
  });

  test("/dev/outbox is a 404 in a production build", async ({ alice: { page } }) => {
    test.skip(hasDevOutbox, "the server under test is a development build");
    const response = await page.goto("/dev/outbox");
    expect(response?.status()).toBe(404);
  });

  test("the dialog links to the troubleshooting page, which needs no sign-in", async ({ alice: { page }, browser, baseURL }) => {
    const settings = new NotificationSettings(page);
    await settings.open();
    await settings.dialog.getByRole("link", { name: t.helpLink }).click();
    await expect(page).toHaveURL(/\/help\/notifications$/);
    await expect(page.getByRole("heading", { level: 1, name: help.title })).toBeVisible();

    const signedOut = await browser.newContext({ baseURL });
    try {
      const anonymous = await signedOut.newPage();
      const response = await anonymous.goto("/help/notifications");
      expect(response?.status()).toBe(200);
      await expect(anonymous).toHaveURL(/\/help\/notifications$/);
      for (const section of [help.blocked.title, help.unsupported.title, help.focus.title, help.email.title, help.test.title]) {
        await expect(anonymous.getByRole("heading", { level: 2, name: section })).toBeVisible();
      }
    } finally {
      await signedOut.close();
    }
  });

  test("the dialog says when this browser blocks desktop notifications, and when it can't show them", async ({ signInAs }) => {
    const blocked = await signInAs("alice");
    await blocked.page.addInitScript(() => Object.defineProperty(Notification, "permission", { get: () => "denied" }));
    const blockedSettings = new NotificationSettings(blocked.page);
    await blockedSettings.open();
    await expect(blockedSettings.dialog.getByText(t.browser.state.blocked)).toBeVisible();
    await expect(blockedSettings.dialog.getByRole("link", { name: t.browser.hintLink.blocked })).toHaveAttribute(
      "href",
      "/help/notifications#blocked",
    );
    await expect(blockedSettings.button(t.browser.enable)).toHaveCount(0);
    await expect(blockedSettings.button(t.browser.sendTest)).toBeEnabled();

    const unsupported = await signInAs("alice");
    await unsupported.page.addInitScript(() => Reflect.deleteProperty(window, "PushManager"));
    const unsupportedSettings = new NotificationSettings(unsupported.page);
    await unsupportedSettings.open();
    await expect(unsupportedSettings.dialog.getByText(t.browser.state.unsupported)).toBeVisible();
    await expect(unsupportedSettings.button(t.browser.enable)).toHaveCount(0);
  });

  test("a message arriving while bob has the inbox open shows a toast that opens the conversation", async ({ bob: { page }, baseURL }) => {
    await page.goto("/messaging/unassigned");
    await page.waitForFunction(() => document.documentElement.dataset.live === "connected");

    const text = `Is the order on its way? (${Date.now()})`;
    const request = signedTwilioRequest({
      baseUrl: baseURL!,
      path: `/api/webhooks/whatsapp/${DEMO_WHATSAPP.appId}`,
      authToken: DEMO_WHATSAPP.authToken,
      params: twilioInboundParams({ accountSid: DEMO_WHATSAPP.accountSid, to: DEMO_WHATSAPP.sender, from: ANA_LOPEZ, text }),
    });
    expect((await send(request)).status).toBe(200);

    const toast = page.getByRole("status").filter({ hasText: text });
    await expect(toast).toBeVisible({ timeout: 15_000 });
    await expect(toast).toContainText("Ana Lopez · Demo Company WhatsApp");
    await toast.getByRole("link").click();
    await expect(page).toHaveURL(/\/messaging\/unassigned\/[0-9a-f-]{36}$/);
    await expect(page.getByText(text).first()).toBeVisible();
    await expect(toast).toHaveCount(0);
  });

  test("the service worker shows a pushed notification that links only into Switchboard", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL });
    try {
      await context.grantPermissions(["notifications"], { origin: baseURL });
      const page = await context.newPage();
      await page.goto("/help/notifications");
      const scope = await page.evaluate(async () => {
        await navigator.serviceWorker.register("/sw.js", { scope: "/" });
        return (await navigator.serviceWorker.ready).scope;
      });

      // Chromium's DevTools protocol delivers a push the way a push service would (lib/notifications/send-push.ts's payload).
      const cdp = await context.newCDPSession(page);
      const registrationId = new Promise<string>((resolve) =>
        cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
          const ours = registrations.find((registration) => registration.scopeURL === scope && !registration.isDeleted);
          if (ours) resolve(ours.registrationId);
        }),
      );
      await cdp.send("ServiceWorker.enable");
      const push = async (payload: object) =>
        cdp.send("ServiceWorker.deliverPushMessage", {
          origin: new URL(baseURL!).origin,
          registrationId: await registrationId,
          data: JSON.stringify(payload),
        });
      const shown = () =>
        page.evaluate(async () =>
          (await (await navigator.serviceWorker.ready).getNotifications()).map(({ title, body, tag, data }) => ({
            title,
            body,
            tag,
            data,
          })),
        );
      await push({
        title: "Ana Lopez · Demo Company WhatsApp",
        body: "Is the order on its way?",
        url: "/messaging/c/abc",
        tag: "message-1",
      });
      // One at a time: a second push delivered while the worker still handles the first was
      // sometimes dropped by Chromium's DevTools delivery on a loaded machine.
      await expect.poll(async () => (await shown()).length).toBe(1);
      await push({ title: "Elsewhere", body: "A link to another site", url: "https://example.com/phish", tag: "message-2" });

      await expect.poll(shown).toEqual([
        {
          title: "Ana Lopez · Demo Company WhatsApp",
          body: "Is the order on its way?",
          tag: "message-1",
          data: { url: `${baseURL}/messaging/c/abc` },
        },
        { title: "Elsewhere", body: "A link to another site", tag: "message-2", data: { url: `${baseURL}/messaging` } },
      ]);
    } finally {
      await context.close();
    }
  });

  // Last: a failure part-way would leave alice with a subscription to an address that can't answer.
  test("Enable desktop notifications subscribes this browser, and the server keeps it until it is turned off", async ({
    alice: { page },
  }) => {
    await page.addInitScript(stubPushManager, `https://push.invalid/e2e/${Date.now()}`);
    const settings = new NotificationSettings(page);
    await settings.open();
    await expect(settings.browserState).toHaveText(t.browser.state.off);

    await settings.button(t.browser.enable).click();
    await expect(settings.browserState).toHaveText(t.browser.state.on);

    await page.reload();
    await settings.bell.click();
    await expect(settings.browserState).toHaveText(t.browser.state.on);

    await settings.button(t.browser.disable).click();
    await expect(settings.browserState).toHaveText(t.browser.state.off);
    await page.reload();
    await settings.bell.click();
    await expect(settings.browserState).toHaveText(t.browser.state.off);
  });
});

async function newestOutboxEmail(page: Page): Promise<{ href: string | null; text: string } | null> {
  const response = await page.goto("/dev/outbox");
  expect(response?.status()).toBe(200);
  const first = page.getByRole("navigation", { name: t.outbox.list }).getByRole("link").first();
  if ((await first.count()) === 0) return null;
  return { href: await first.getAttribute("href"), text: await first.innerText() };
}
