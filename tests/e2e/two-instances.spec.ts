import { expect, signInThroughForm, test, USERS } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { InboxPage } from "./pages/inbox-page";
import { E2E_DATA_DIR, e2eDatabaseUrl, startAppInstance, type AppInstance } from "./support/app-instance";
import { catalogs } from "./support/catalogs";
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

  test("Bob on instance B sees Alice viewing and typing on instance A, and is warned when she replies first", async ({ browser, baseURL, alice }) => {
    const presence = catalogs.en.presence;
    const storageState = await signInThroughForm(browser, instanceB.url, "bob");
    const context = await browser.newContext({ baseURL: instanceB.url, locale: "en-US", storageState });
    try {
      const run = Date.now().toString(36);
      const contact = { from: newWhatsappContact(), profileName: `E2E Presence ${run}` };
      await sendWhatsappMessage(baseURL!, { ...contact, text: `Who answers me? (${run})` });

      const onB = new InboxPage(await context.newPage());
      await onB.goto("unassigned");
      await onB.waitForLive();
      await onB.openConversation(contact.profileName);
      const bobsView = new ConversationPage(onB.page, contact.profileName);
      const teammates = onB.page.getByRole("status", { name: presence.label });

      const alicesInbox = new InboxPage(alice.page);
      await alicesInbox.goto("unassigned");
      await alicesInbox.waitForLive();
      await alicesInbox.openConversation(contact.profileName);
      const alicesView = new ConversationPage(alice.page, contact.profileName);
      await expect(teammates).toHaveText(`${USERS.alice.name} is viewing`);

      // Bob starts a draft first; then Alice types on the other instance.
      await bobsView.replyBox.fill("Hello, let me check that for you");
      await alicesView.replyBox.pressSequentially("On it", { delay: 30 });
      await expect(teammates).toHaveText(`${USERS.alice.name} is typing…`, { timeout: 2_000 });

      const reply = `Alice answered first (${run})`;
      await alicesView.replyBox.fill(reply);
      await alicesView.sendButton.click();
      await expect(bobsView.entry(reply)).toBeVisible();
      await expect(onB.page.getByRole("alert").filter({ hasText: `${USERS.alice.name} replied while you were typing` })).toBeVisible();
      // Bob's draft is his: the warning never throws it away.
      await expect(bobsView.replyBox).toHaveValue("Hello, let me check that for you");

      // Leaving the conversation shows at once on the other instance.
      await alicesInbox.goto("unassigned");
      await expect(teammates).toHaveText("");
    } finally {
      await context.close();
    }
  });
});
