import type { Page } from "@playwright/test";
import { expect, test, USERS } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { InboxPage } from "./pages/inbox-page";
import { MessagingSettingsPage } from "./pages/messaging-settings-page";
import { catalogs } from "./support/catalogs";
import { newWhatsappContact, sendWhatsappMessage } from "./support/webhooks";

const t = catalogs.en.autoAssign;
const DEMO_WHATSAPP_APP = "Demo Company WhatsApp";

/** The auto-assignment form on the demo WhatsApp app's card (messaging settings, admins). */
async function setAutoAssign(page: Page, on: boolean) {
  const settings = new MessagingSettingsPage(page);
  await settings.goto();
  const form = settings.card(DEMO_WHATSAPP_APP).getByRole("form", { name: t.settings.formLabel.replace("{app}", DEMO_WHATSAPP_APP) });
  await form.getByRole("checkbox", { name: t.settings.enable }).setChecked(on);
  await form.getByRole("button", { name: t.settings.save }).click();
  await expect(form.getByRole("status")).toHaveText(t.settings.saved);
  await expect(form).toContainText(on ? t.settings.summaryOn : t.settings.summaryOff);
}

test.describe("auto-assignment (SPEC §13)", () => {
  test("two new conversations go to the two available people with access, one each", async ({ alice, bob, baseURL }) => {
    // Two signed-in users, a settings round trip each way and the cleanup: past 30 s on a loaded machine.
    test.setTimeout(90_000);
    // The demo seed gives alice and bob two open conversations each; carol has no access.
    const aliceInbox = new InboxPage(alice.page);
    const bobInbox = new InboxPage(bob.page);
    await aliceInbox.goto("mine");
    const aliceLoad = await aliceInbox.count("mine");
    await bobInbox.goto("mine");
    const bobLoad = await bobInbox.count("mine");
    expect(Math.abs(aliceLoad - bobLoad), "alice and bob start within one open conversation of each other").toBeLessThanOrEqual(1);

    const run = Date.now().toString(36);
    const contacts = [`E2E Auto one ${run}`, `E2E Auto two ${run}`];
    await setAutoAssign(alice.page, true);
    try {
      for (const name of contacts) {
        await sendWhatsappMessage(baseURL!, { from: newWhatsappContact(), profileName: name, text: `Hello from ${name}` });
      }

      // Each lands in exactly one of the two "Assigned to me" views, and both are taken.
      await aliceInbox.goto("mine");
      await bobInbox.goto("mine");
      const either = (inbox: InboxPage) => inbox.row(contacts[0]!).or(inbox.row(contacts[1]!));
      await expect(either(aliceInbox)).toHaveCount(1);
      await expect(either(bobInbox)).toHaveCount(1);
      const bobsContact = (await bobInbox.row(contacts[0]!).count()) === 1 ? contacts[0]! : contacts[1]!;
      const alicesContact = contacts.find((name) => name !== bobsContact)!;
      await expect(aliceInbox.row(alicesContact)).toHaveCount(1);
      await expect(aliceInbox.viewLink("mine", aliceLoad + 1)).toBeVisible();
      await expect(bobInbox.viewLink("mine", bobLoad + 1)).toBeVisible();

      // The thread says who made the assignment: the rule, not a person.
      await bobInbox.openConversation(bobsContact);
      await expect(bobInbox.thread.getByText(t.activity.replace("{target}", USERS.bob.name))).toBeVisible();
      await expect(bob.page.getByRole("button", { name: USERS.bob.name, exact: true })).toBeVisible();
    } finally {
      await setAutoAssign(alice.page, false);
      for (const name of contacts) {
        await aliceInbox.goto("mine");
        const mine = await aliceInbox.row(name).count();
        await aliceInbox.goto(mine ? "mine" : "others");
        if ((await aliceInbox.row(name).count()) === 0) continue;
        await aliceInbox.openConversation(name);
        await new ConversationPage(alice.page, name).deleteConversation();
      }
    }
  });
});
