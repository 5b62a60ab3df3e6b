import type { Page } from "@playwright/test";
import { expect, test, USERS, type SignedIn } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { CrmPanel } from "./pages/crm-panel";
import { CrmRecordPage } from "./pages/crm-record-page";
import { catalogs } from "./support/catalogs";
import { TwilioStandIn } from "@/tests/stand-ins/twilio";
import { newWhatsappContact, sendWhatsappMessage } from "./support/webhooks";

const t = catalogs.en;
const ALICE = USERS.alice.name;
/** lib/demo/seed.ts: the demo workspace's WhatsApp app, the one the signed webhooks reach. */
const APP_NAME = "Demo Company WhatsApp";
// One check of a reload loop: short, so the loop reloads again soon when a job has not run yet.
const QUICK = { timeout: 2_000 };

function tag(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** Runs every cleanup step even when one fails, so one leftover does not keep the others; returns what failed. */
async function cleanUp(steps: [string, () => Promise<void>][]): Promise<string[]> {
  const failures: string[] = [];
  for (const [what, step] of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failures;
}

/** Alice installed the demo apps (lib/demo/seed.ts), so she may delete the conversation, wherever it sits. */
async function deleteConversation({ page, inbox }: SignedIn, contactName: string, conversationId: string | null) {
  const conversation = new ConversationPage(page, contactName);
  if (conversationId) {
    const response = await page.goto(`/messaging/c/${conversationId}`);
    if (response?.status() === 404 || !(await conversation.heading.isVisible())) return;
    await conversation.deleteConversation();
    return;
  }
  for (const view of ["unassigned", "mine", "others", "closed"] as const) {
    await inbox.goto(view);
    if ((await inbox.row(contactName).count()) === 0) continue;
    await inbox.openConversation(contactName);
    await conversation.deleteConversation();
  }
}

async function deleteRecord(page: Page, type: "person" | "deal", path: string | null, label: string) {
  if (!path) return;
  const response = await page.goto(path);
  if (response?.status() === 404) return;
  await new CrmRecordPage(page, type).deleteRecord(label);
}

test.describe("the CRM panel beside a WhatsApp conversation", () => {
  /** What the test made, for afterEach: it runs even after a timeout, before alice's context closes. */
  type Created = {
    contactName: string;
    dealTitle: string;
    conversationId: string | null;
    personPath: string | null;
    dealPath: string | null;
  };
  let created: Created | null = null;

  test.afterEach(async ({ alice }, testInfo) => {
    if (!created) return;
    const { contactName, dealTitle, conversationId, personPath, dealPath } = created;
    created = null;
    // The suite shares one database: leave no conversation, person or deal behind.
    const failures = await cleanUp([
      ["conversation", () => deleteConversation(alice, contactName, conversationId)],
      ["person", () => deleteRecord(alice.page, "person", personPath, contactName)],
      ["deal", () => deleteRecord(alice.page, "deal", dealPath, dealTitle)],
    ]);
    if (failures.length === 0) return;
    // After a failure the test's own error is the one to read; after a pass, a leftover fails it.
    const message = `cleanup left something behind:\n${failures.join("\n")}`;
    if (testInfo.status === testInfo.expectedStatus) throw new Error(message);
    console.warn(message);
  });

  test("create a person from the contact, follow the history note both ways, link and unlink a deal", async ({ alice, baseURL }) => {
    test.setTimeout(120_000);
    const { page, inbox } = alice;
    // The panel is the conversation's right-hand column from 1280px wide (components/inbox/conversation-pane.tsx).
    await page.setViewportSize({ width: 1440, height: 900 });

    const run = tag();
    const contact = { from: newWhatsappContact(), profileName: `E2E Panel Contact ${run}` };
    const name = contact.profileName;
    const phone = contact.from.slice("whatsapp:".length);
    const dealTitle = `E2E Panel Deal ${run}`;
    const firstText = `Hello, I would like a quote (${run})`;
    const secondText = `Also, can you deliver on Friday? (${run})`;

    const conversation = new ConversationPage(page, name);
    const panel = new CrmPanel(page);
    const personPage = new CrmRecordPage(page, "person");
    const dealPage = new CrmRecordPage(page, "deal");
    const made: Created = { contactName: name, dealTitle, conversationId: null, personPath: null, dealPath: null };
    created = made;

    await test.step("a deal exists to be linked later", async () => {
      made.dealPath = await dealPage.createDeal(dealTitle, "2500");
    });

    await test.step("a signed webhook from a new WhatsApp contact opens a conversation; alice opens it", async () => {
      await inbox.goto("unassigned");
      await inbox.waitForLive();
      await sendWhatsappMessage(baseURL!, { ...contact, text: firstText });
      await expect(inbox.row(name)).toBeVisible({ timeout: 20_000 });
      await inbox.openConversation(name);
      await expect(conversation.heading).toBeVisible();
      await expect(conversation.entry(firstText)).toBeVisible();
      made.conversationId = /\/messaging\/unassigned\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? null;
      expect(made.conversationId, `a conversation id in ${page.url()}`).not.toBeNull();
    });

    await test.step("Person → Create: prefilled with the contact's name and phone; Create and link", async () => {
      await expect(panel.panel).toBeVisible();
      for (const type of ["person", "lead", "deal"] as const) await expect(panel.notLinked(type)).toBeVisible();
      await panel.openCreate("person");
      await expect(panel.field("person", t.crm.fields.name)).toHaveValue(name);
      await expect(panel.field("person", t.crm.fields.phones)).toHaveValue(phone);
      await expect(panel.field("person", t.crm.fields.emails)).toHaveValue("");
      await panel.submitCreate("person");

      await expect(panel.linkedRecord("person", name)).toBeVisible();
      await expect(panel.unlinkButton("person")).toBeVisible();
      await expect(conversation.entry(t.conversation.activity.linked.replace("{actor}", ALICE).replace("{record}", name))).toBeVisible();
      const href = await panel.linkedRecord("person", name).getAttribute("href");
      expect(href).toMatch(/^\/persons\/[0-9a-f-]{36}$/);
      made.personPath = href;
    });

    await test.step("the person's page: the phone, and a history note with the message, Unassigned · Open and a link back", async () => {
      await panel.linkedRecord("person", name).click();
      await expect(page).toHaveURL(new RegExp(`${made.personPath}$`));
      await expect(personPage.heading(name)).toBeVisible();
      await expect(page.getByRole("link", { name: phone, exact: true })).toBeVisible();

      const notes = personPage.historyNotes(name, APP_NAME);
      await personPage.untilReloaded(async () => {
        await expect(notes).toHaveCount(1, QUICK);
      });
      const note = notes.first();
      await expect(note).toContainText(t.crm.notes.historyAuthor);
      await expect(personPage.messages(note)).toHaveCount(1);
      await expect(personPage.messages(note).first()).toContainText(name);
      await expect(personPage.messages(note).first()).toContainText(firstText);
      await expect(personPage.messages(note).first().locator("time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);
      await expect(note.getByText(t.crm.history.unassigned, { exact: true })).toBeVisible();
      await expect(note.getByText(t.crm.history.open, { exact: true })).toBeVisible();
      await expect(personPage.openConversationLink(note)).toHaveAttribute("href", `/messaging/c/${made.conversationId}`);

      await personPage.openConversationLink(note).click();
      await expect(page).toHaveURL(new RegExp(`/messaging/unassigned/${made.conversationId}$`));
      await expect(conversation.heading).toBeVisible();
      await expect(conversation.entry(firstText)).toBeVisible();
      await expect(panel.linkedRecord("person", name)).toBeVisible();
    });

    await test.step("alice takes it; a new message joins the same note, whose assignment line follows", async () => {
      await conversation.openAssignmentMenu();
      await page.getByRole("menuitem", { name: t.conversation.assign.toMe, exact: true }).click();
      await expect(conversation.assignmentButton(ALICE)).toBeVisible();

      await page.goto(made.personPath!);
      const notes = personPage.historyNotes(name, APP_NAME);
      await expect(notes).toHaveCount(1);
      const noteId = await notes.first().getAttribute("aria-labelledby");
      expect(noteId).toMatch(/^note-/);

      await sendWhatsappMessage(baseURL!, { ...contact, text: secondText });
      await personPage.untilReloaded(async () => {
        await expect(notes.filter({ hasText: secondText })).toHaveCount(1, QUICK);
      });
      // Still one note, the very same one: the message arrived within 24 hours of its start.
      await expect(notes).toHaveCount(1);
      await expect(notes.first()).toHaveAttribute("aria-labelledby", noteId!);
      const messages = personPage.messages(notes.first());
      await expect(messages).toHaveCount(2);
      await expect(messages.nth(0)).toContainText(firstText);
      await expect(messages.nth(1)).toContainText(secondText);
      await expect(notes.first().getByText(t.crm.history.assignedTo.replace("{name}", ALICE), { exact: true })).toBeVisible();
      await expect(notes.first().getByText(t.crm.history.unassigned, { exact: true })).toHaveCount(0);
      await expect(notes.first().getByText(t.crm.history.open, { exact: true })).toBeVisible();
    });

    await test.step("Deal → Link: found by typing its name, picked, linked; its page gets the history too", async () => {
      await page.goto(`/messaging/c/${made.conversationId}`);
      await expect(page).toHaveURL(new RegExp(`/messaging/mine/${made.conversationId}$`));
      await expect(conversation.heading).toBeVisible();
      await panel.linkBySearch("deal", dealTitle);
      await expect(panel.unlinkButton("deal")).toBeVisible();
      await expect(
        conversation.entry(t.conversation.activity.linked.replace("{actor}", ALICE).replace("{record}", dealTitle)),
      ).toBeVisible();
      expect(await panel.linkedRecord("deal", dealTitle).getAttribute("href")).toBe(made.dealPath);
      // The person stays linked beside it.
      await expect(panel.linkedRecord("person", name)).toBeVisible();

      // The note on linking is written by a job that skips a link already gone: wait for it before unlinking.
      await page.goto(made.dealPath!);
      const dealNotes = dealPage.historyNotes(name, APP_NAME);
      await dealPage.untilReloaded(async () => {
        await expect(dealNotes).toHaveCount(1, QUICK);
      });
      await expect(dealPage.messages(dealNotes.first())).toHaveCount(2);
      await expect(dealPage.openConversationLink(dealNotes.first())).toHaveAttribute("href", `/messaging/c/${made.conversationId}`);
    });

    await test.step("Deal → Unlink: unlinked, the thread says so, and it stays so after a reload", async () => {
      await page.goto(`/messaging/c/${made.conversationId}`);
      await expect(panel.linkedRecord("deal", dealTitle)).toBeVisible();
      await panel.unlink("deal");
      await expect(panel.linkedRecord("deal", dealTitle)).toHaveCount(0);
      await expect(
        conversation.entry(t.conversation.activity.unlinked.replace("{actor}", ALICE).replace("{record}", dealTitle)),
      ).toBeVisible();

      await page.reload();
      await expect(panel.notLinked("deal")).toBeVisible();
      await expect(panel.linkButton("deal")).toBeVisible();
      await expect(panel.linkedRecord("person", name)).toBeVisible();
    });
  });

  test("the list says who wrote last and who waits; the contact is renamed in place; a deal from the panel is titled after it and shows its stage and value", async ({
    alice,
    bob,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const { page, inbox } = alice;
    await page.setViewportSize({ width: 1440, height: 900 });
    const twilio = new TwilioStandIn();
    await twilio.start();
    try {
      const run = tag();
      const contact = { from: newWhatsappContact(), profileName: `e2e rows ${run}` };
      const renamed = `E2E Renamed Contact ${run}`;
      const dealTitle = t.crm.panel.dealTitle.replace("{contact}", renamed);
      const replyText = `Yes, the offer still stands (${run})`;
      const made: Created = { contactName: contact.profileName, dealTitle, conversationId: null, personPath: null, dealPath: null };
      created = made;
      const conversation = new ConversationPage(page, contact.profileName);
      const panel = new CrmPanel(page);
      const waiting = (row: ReturnType<typeof inbox.row>) => row.getByTestId("row-waiting");

      await test.step("the customer wrote last: the row says how long they have been waiting, and no author", async () => {
        await inbox.goto("unassigned");
        await inbox.waitForLive();
        await sendWhatsappMessage(baseURL!, { ...contact, text: `Is the offer still valid? (${run})` });
        const row = inbox.row(contact.profileName);
        await expect(row).toBeVisible({ timeout: 20_000 });
        const oneOrTwoMinutes = new RegExp(`^${t.inbox.waiting.replace("{duration}", t.inbox.waitingFor.minutes.replace("{count}", "[12]"))}$`);
        await expect(waiting(row)).toHaveText(oneOrTwoMinutes);
        await expect(row).not.toContainText(t.inbox.previewBy.you);
      });

      await test.step("after alice replies her row reads 'You: …' and nobody waits; bob's reads 'Alice: …'", async () => {
        await inbox.openConversation(contact.profileName);
        made.conversationId = /\/messaging\/unassigned\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? null;
        await conversation.reply(replyText);
        // The reply claimed the conversation for alice (claim on reply): it is in her view now.
        await inbox.goto("mine");
        const row = inbox.row(contact.profileName);
        await expect(row).toContainText(`${t.inbox.previewBy.you} ${replyText}`);
        await expect(waiting(row)).toHaveCount(0);

        await bob.inbox.goto("others");
        const bobsRow = bob.inbox.row(contact.profileName);
        await expect(bobsRow).toContainText(`${t.inbox.previewBy.teammate.replace("{name}", "Alice")} ${replyText}`);
        await expect(bobsRow).toContainText(t.inbox.assignedTo.replace("{name}", ALICE));
      });

      await test.step("contact menu → Rename contact: the name changes in the header and the list, and stays after a reload", async () => {
        await page.goto(`/messaging/c/${made.conversationId}`);
        await conversation.openContactMenu();
        await conversation.contactMenu.getByRole("menuitem", { name: t.conversation.contactMenu.rename, exact: true }).click();
        const box = page.getByRole("textbox", { name: t.conversation.contactMenu.nameLabel, exact: true });
        await expect(box).toBeFocused();
        await expect(box).toHaveValue(contact.profileName);

        await box.fill("   ");
        await page.getByRole("button", { name: t.conversation.contactMenu.saveName, exact: true }).click();
        await expect(page.getByRole("alert").filter({ hasText: t.conversation.contactMenu.nameInvalid })).toBeVisible();

        await box.fill(`  ${renamed}  `);
        await box.press("Enter");
        const renamedPage = new ConversationPage(page, renamed);
        await expect(renamedPage.contactButton).toBeVisible();
        await expect(renamedPage.contactButton).toBeFocused();
        made.contactName = renamed;
        await expect(inbox.row(renamed)).toBeVisible();
        await expect(bob.inbox.row(renamed)).toBeVisible();
        await page.reload();
        await expect(renamedPage.heading).toBeVisible();
      });

      await test.step("Deal → Create starts as '{contact} – deal'; once linked the panel shows its stage and value", async () => {
        await panel.openCreate("deal");
        await expect(panel.field("deal", t.crm.fields.title)).toHaveValue(dealTitle);
        await panel.field("deal", t.crm.fields.value).fill("2500");
        await panel.submitCreate("deal");
        await expect(panel.linkedRecord("deal", dealTitle)).toBeVisible();
        made.dealPath = await panel.linkedRecord("deal", dealTitle).getAttribute("href");
        const details = panel.section("deal").getByTestId("panel-deal-details");
        await expect(details).toContainText(t.crm.stages.qualified);
        await expect(details).toContainText(new Intl.NumberFormat("en", { style: "currency", currency: "CZK" }).format(2500));
      });
    } finally {
      await twilio.stop();
    }
  });
});
