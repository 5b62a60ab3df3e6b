import { expect, test, USERS, type SignedIn } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { catalogs } from "./support/catalogs";
import { TwilioStandIn } from "@/tests/stand-ins/twilio";
import { newWhatsappContact, sendWhatsappMessage } from "./support/webhooks";

/** SPEC §13: private notes with @mentions, and snooze with the Snoozed view. */
const t = catalogs.en;
const twilio = new TwilioStandIn();

test.beforeAll(async () => {
  await twilio.start();
});
test.afterAll(async () => {
  await twilio.stop();
});

const tag = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/** Alice, the demo apps' installer, deletes the test's conversation wherever it ended up. */
async function deleteConversation({ page }: SignedIn, id: string | undefined, name: string) {
  if (!id) return;
  await page.goto(`/messaging/c/${id}`);
  if ((await page.getByRole("button", { name, exact: true }).count()) === 0) return;
  await new ConversationPage(page, name).deleteConversation();
}

function conversationIdOf(url: string): string | undefined {
  return /\/([0-9a-f-]{36})$/.exec(new URL(url).pathname)?.[1];
}

test("a private note with @Bob notifies Bob and never reaches the provider", async ({ alice, bob, baseURL }) => {
  test.setTimeout(90_000);
  const run = tag();
  const contact = { from: newWhatsappContact(), profileName: `E2E Note ${run}` };
  await sendWhatsappMessage(baseURL!, { ...contact, text: `Can I get a discount? (${run})` });
  await bob.inbox.goto("unassigned");
  await bob.inbox.waitForLive();
  await alice.inbox.goto("unassigned");
  await alice.inbox.openConversation(contact.profileName);
  const id = conversationIdOf(alice.page.url());
  try {
    const conversation = new ConversationPage(alice.page, contact.profileName);
    await alice.page.getByRole("tab", { name: t.notes.noteMode }).click();
    const noteBox = alice.page.getByRole("combobox", { name: t.notes.label });
    await noteBox.pressSequentially("@");
    const picker = alice.page.getByRole("listbox", { name: t.notes.mentionPicker });
    // Teammates with access to the app only: Carol has none.
    await expect(picker.getByRole("option", { name: USERS.bob.name })).toBeVisible();
    await expect(picker.getByRole("option", { name: USERS.carol.name })).toHaveCount(0);
    await noteBox.pressSequentially("Bo");
    await noteBox.press("Enter");
    await expect(noteBox).toHaveValue(`@${USERS.bob.name} `);
    const noteText = `can we give 10 % off? (${run})`;
    await noteBox.pressSequentially(noteText);
    await noteBox.press("Enter");

    const note = conversation.thread.getByRole("listitem", { name: `Private note by ${USERS.alice.name}` });
    await expect(note).toContainText(`@${USERS.bob.name} ${noteText}`);
    await expect(noteBox).toHaveValue("");

    // Bob, on the inbox, hears about it at once (the desktop channel's in-app toast).
    const toast = bob.page.getByRole("status").filter({ hasText: `${USERS.alice.name} mentioned you: ${contact.profileName}` });
    await expect(toast).toBeVisible({ timeout: 15_000 });
    await expect(toast).toContainText(noteText);

    // A reply afterwards does reach Twilio's stand-in; the note never did.
    await alice.page.getByRole("tab", { name: t.notes.replyMode }).click();
    const reply = `We'll get back to you (${run})`;
    await conversation.reply(reply);
    await expect.poll(() => twilio.sentTo(contact.from).map((call) => call.form.get("Body"))).toEqual([reply]);
    const everythingTwilioGot = twilio.requests.map((request) => [...new URLSearchParams(request.body).values(), request.body].join("\n"));
    expect(everythingTwilioGot.filter((body) => body.includes(noteText))).toEqual([]);
  } finally {
    await deleteConversation(alice, id, contact.profileName);
  }
});

test("a conversation snoozed for an hour sits in Snoozed until the customer writes", async ({ alice, baseURL }) => {
  test.setTimeout(90_000);
  const run = tag();
  const contact = { from: newWhatsappContact(), profileName: `E2E Snooze ${run}` };
  await sendWhatsappMessage(baseURL!, { ...contact, text: `I'll decide next week (${run})` });
  await alice.inbox.goto("unassigned");
  await alice.inbox.waitForLive();
  const snoozedBefore = await alice.inbox.count("snoozed");
  await alice.inbox.openConversation(contact.profileName);
  const id = conversationIdOf(alice.page.url());
  try {
    await alice.page.getByRole("button", { name: t.snooze.snooze, exact: true }).click();
    await alice.page.getByRole("menuitem", { name: new RegExp(`^${t.snooze.presets.oneHour}`) }).click();

    await expect(alice.inbox.row(contact.profileName)).toHaveCount(0);
    await expect(alice.inbox.viewLink("snoozed", snoozedBefore + 1)).toBeVisible();
    await alice.inbox.goto("snoozed");
    await alice.inbox.waitForLive();
    const row = alice.inbox.row(contact.profileName);
    await expect(row).toContainText("Snoozed until");

    // The customer writes: the conversation wakes early, live, back in Unassigned.
    await sendWhatsappMessage(baseURL!, { ...contact, text: `Actually, let's talk now (${run})` });
    await expect(row).toHaveCount(0);
    await expect(alice.inbox.viewLink("snoozed", snoozedBefore)).toBeVisible();
    await alice.inbox.goto("unassigned");
    await alice.inbox.openConversation(contact.profileName);
    const conversation = new ConversationPage(alice.page, contact.profileName);
    await expect(conversation.entry(t.conversation.activity.woken_by_message)).toBeVisible();
  } finally {
    await deleteConversation(alice, id, contact.profileName);
  }
});
