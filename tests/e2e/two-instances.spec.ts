import { expect, signInThroughForm, test } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { InboxPage } from "./pages/inbox-page";
import { E2E_DATA_DIR, e2eDatabaseUrl, startAppInstance, type AppInstance } from "./support/app-instance";
import { newWhatsappContact, sendWhatsappMessage } from "./support/webhooks";

/**
 * SPEC §3: live updates reach browsers on every instance. Instance A is the suite's server;
 * instance B is a second `next start` of the same build on the same PostgreSQL database and
 * data dir (so the same AUTH_SECRET and APP_SECRET_KEY). B never resets or seeds anything.
 */
test.describe("two app instances on one PostgreSQL", () => {
  test.skip(!process.env.DATABASE_URL, "needs DATABASE_URL: the embedded database serves one process only");

  const port = Number(process.env.E2E_SECOND_INSTANCE_PORT ?? 3213);
  let instanceB: AppInstance;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    instanceB = await startAppInstance({
      port,
      env: { DATABASE_URL: e2eDatabaseUrl(), SWITCHBOARD_DATA_DIR: E2E_DATA_DIR },
    });
  });

  test.afterAll(async () => {
    await instanceB?.stop();
  });

  test("a webhook received by instance A shows up live in a browser on instance B", async ({ browser, baseURL, alice }) => {
    const storageState = await signInThroughForm(browser, instanceB.url, "bob");
    const context = await browser.newContext({ baseURL: instanceB.url, locale: "en-US", storageState });
    try {
      const onB = new InboxPage(await context.newPage());
      await onB.goto("unassigned");
      await onB.waitForLive();
      const unassigned = await onB.count("unassigned");

      const run = Date.now().toString(36);
      const contact = { from: newWhatsappContact(), profileName: `E2E Two instances ${run}` };
      await sendWhatsappMessage(baseURL!, { ...contact, text: `Sent to A, seen on B (${run})` });

      await expect(onB.row(contact.profileName)).toContainText(`Sent to A, seen on B (${run})`);
      await expect(onB.viewLink("unassigned", unassigned + 1)).toBeVisible();
      expect(new URL(onB.page.url()).origin).toBe(instanceB.url);

      // Cleanup on A, which B hears about too.
      const id = /\/([0-9a-f-]{36})$/.exec((await onB.row(contact.profileName).getAttribute("href")) ?? "")?.[1];
      expect(id).toBeTruthy();
      await alice.page.goto(`/messaging/c/${id}`);
      await new ConversationPage(alice.page, contact.profileName).deleteConversation();
      await expect(onB.row(contact.profileName)).toHaveCount(0);
      await expect(onB.viewLink("unassigned", unassigned)).toBeVisible();
    } finally {
      await context.close();
    }
  });
});
