import { expect, test, USERS, type SignedIn } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import type { View } from "./pages/inbox-page";
import { catalogs } from "./support/catalogs";
import { MessengerStandIn } from "@/tests/stand-ins/meta";
import { TwilioStandIn } from "@/tests/stand-ins/twilio";
import { DEMO_APPS, newPsid, newWhatsappContact, sendMessengerMessage, sendWhatsappMessage, sendWhatsappStatus } from "./support/webhooks";

const t = catalogs.en;
const ALICE = USERS.alice.name;
const BOB = USERS.bob.name;
/** The demo seed's Jana Nováková (lib/demo/seed.ts): unassigned, on the demo Messenger Page. */
const DEMO_JANA_PSID = "7000000000000001";

// The server's jobs reach these through MESSENGER_API_BASE / TWILIO_API_BASE (start-server.sh).
const messenger = new MessengerStandIn();
const twilio = new TwilioStandIn();

test.beforeAll(async () => {
  await Promise.all([messenger.start(), twilio.start()]);
});
test.afterAll(async () => {
  await Promise.all([messenger.stop(), twilio.stop()]);
});

function tag(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/**
 * After a failure midway: the suite shares one database (inbox.spec.ts counts the seeded
 * conversations), so alice, the demo apps' installer, deletes what the test left behind.
 */
async function deleteLeftovers({ page, inbox }: SignedIn, contactNames: string[]) {
  for (const view of ["unassigned", "mine", "others", "closed"] as const) {
    for (const name of contactNames) {
      await inbox.goto(view);
      if ((await inbox.row(name).count()) === 0) continue;
      await inbox.openConversation(name);
      await new ConversationPage(page, name).deleteConversation();
    }
  }
}

/** Opens a view and waits for its live stream, so whatever happens next arrives without a reload. */
async function openLive({ inbox }: SignedIn, view: View) {
  await inbox.goto(view);
  await inbox.waitForLive();
}

test.describe("working a conversation, two users at once", () => {
  test("a conversation's life from arrival to deletion, seen live by alice and bob", async ({ alice, bob, baseURL }) => {
    test.setTimeout(150_000);
    const run = tag();
    const contact = { from: newWhatsappContact(), profileName: `E2E Whatsapp ${run}` };
    const name = contact.profileName;
    const newcomer = `E2E Messenger ${run}`;
    await openLive(alice, "unassigned");
    await openLive(bob, "unassigned");
    const before = {
      alice: {
        unassigned: await alice.inbox.count("unassigned"),
        mine: await alice.inbox.count("mine"),
        closed: await alice.inbox.count("closed"),
      },
      bob: {
        unassigned: await bob.inbox.count("unassigned"),
        others: await bob.inbox.count("others"),
        closed: await bob.inbox.count("closed"),
      },
    };

    try {
      await test.step("a signed webhook puts a new conversation in both inboxes, without a reload", async () => {
        await sendWhatsappMessage(baseURL!, { ...contact, text: `Hello from ${run}` });
        for (const user of [alice, bob]) {
          await expect(user.inbox.row(name)).toBeVisible();
          await expect(user.inbox.row(name)).toContainText(`Hello from ${run}`);
        }
        await expect(alice.inbox.viewLink("unassigned", before.alice.unassigned + 1)).toBeVisible();
        await expect(bob.inbox.viewLink("unassigned", before.bob.unassigned + 1)).toBeVisible();
      });

      const bobsView = new ConversationPage(bob.page, name);
      await test.step("bob assigns it to alice: alice's Assigned to me, bob's Assigned to others", async () => {
        await alice.inbox.viewLink("mine").click();
        await expect(alice.page).toHaveURL(/\/messaging\/mine$/);
        await expect(alice.inbox.row(name)).toHaveCount(0);

        await bob.inbox.openConversation(name);
        await bobsView.assignTo(ALICE);
        await expect(bobsView.assignmentButton(ALICE)).toBeVisible();
        await expect(bobsView.entry(`${BOB} assigned this to ${ALICE}`)).toBeVisible();

        await expect(alice.inbox.row(name)).toBeVisible();
        await expect(alice.inbox.viewLink("mine", before.alice.mine + 1)).toBeVisible();
        await expect(alice.inbox.viewLink("unassigned", before.alice.unassigned)).toBeVisible();
        await expect(bob.inbox.viewLink("others", before.bob.others + 1)).toBeVisible();
        await expect(bob.inbox.viewLink("unassigned", before.bob.unassigned)).toBeVisible();
        await bob.inbox.viewLink("others").click();
        await expect(bob.inbox.row(name)).toContainText(t.inbox.assignedTo.replace("{name}", ALICE));
      });

      await test.step("alice goes unavailable: bob cannot assign her a new conversation, and sees why", async () => {
        // A Messenger contact this time: the name comes from the profile lookup (the Graph stand-in).
        const psid = newPsid();
        messenger.profiles.set(psid, { first_name: "E2E", last_name: `Messenger ${run}` });
        await bob.inbox.viewLink("unassigned").click();
        await sendMessengerMessage(baseURL!, { psid, text: `Anyone there? ${run}` });
        await expect(bob.inbox.row(newcomer)).toBeVisible({ timeout: 20_000 });
        expect(messenger.requests.some((request) => request.method === "GET" && request.path === `/${psid}`)).toBe(true);

        // A second tab of bob's that hears nothing live keeps a menu from before the change.
        const staleTab = await bob.page.context().newPage();
        await staleTab.route("**/api/events?*", (route) => route.abort());
        const stale = new ConversationPage(staleTab, newcomer);
        await bob.inbox.openConversation(newcomer);
        await staleTab.goto(bob.page.url());
        await expect(stale.assignmentButton()).toBeVisible();

        try {
          await alice.inbox.setAvailable(false);

          const live = new ConversationPage(bob.page, newcomer);
          await live.openAssignmentMenu();
          await expect(live.teammate(ALICE)).toBeDisabled();
          await expect(live.teammate(ALICE)).toContainText(t.conversation.assign.unavailable);
          await bob.page.keyboard.press("Escape");

          await stale.assignTo(ALICE);
          await expect(stale.refusal(t.refusals.assignee_unavailable.replace("{name}", ALICE))).toBeVisible();
          await expect(stale.assignmentButton()).toBeVisible();
          await staleTab.reload();
          await expect(stale.assignmentButton()).toBeVisible();
          await expect(stale.entry(`assigned this to ${ALICE}`)).toHaveCount(0);

          // Spec §4: going unavailable changes nothing about what is already hers.
          await expect(alice.inbox.row(name)).toBeVisible();
        } finally {
          await staleTab.close();
          await alice.inbox.setAvailable(true);
        }

        // Cleanup: alice installed the demo apps (lib/demo/seed.ts), so she may delete it.
        await alice.page.goto(new URL(bob.page.url()).pathname.replace("/unassigned/", "/c/"));
        const alicesCopy = new ConversationPage(alice.page, newcomer);
        await alicesCopy.deleteConversation();
        await expect(bob.inbox.row(newcomer)).toHaveCount(0);
        await expect(bob.page.getByRole("heading", { name: newcomer })).toHaveCount(0);
        await alice.inbox.viewLink("mine").click();
      });

      await test.step("closed by bob: in Closed for both", async () => {
        await bob.inbox.viewLink("others").click();
        await bob.inbox.openConversation(name);
        await alice.inbox.viewLink("closed").click();
        await expect(alice.inbox.row(name)).toHaveCount(0);

        await bobsView.closeButton.click();
        await expect(bobsView.reopenButton).toBeVisible();
        await expect(bobsView.entry(`Closed by ${BOB}`)).toBeVisible();

        await expect(alice.inbox.row(name)).toBeVisible();
        await expect(alice.inbox.viewLink("closed", before.alice.closed + 1)).toBeVisible();
        await expect(alice.inbox.viewLink("mine", before.alice.mine)).toBeVisible();
        await expect(bob.inbox.viewLink("closed", before.bob.closed + 1)).toBeVisible();
        await expect(bob.inbox.viewLink("others", before.bob.others)).toBeVisible();
        await bob.inbox.viewLink("closed").click();
        await expect(bob.inbox.row(name)).toBeVisible();
      });

      await test.step("a new inbound message reopens it into alice's Assigned to me", async () => {
        await sendWhatsappMessage(baseURL!, { ...contact, text: `One more thing, ${run}` });
        await expect(alice.inbox.row(name)).toHaveCount(0);
        await expect(alice.inbox.viewLink("mine", before.alice.mine + 1)).toBeVisible();
        await expect(alice.inbox.viewLink("closed", before.alice.closed)).toBeVisible();
        await expect(bob.inbox.row(name)).toHaveCount(0);
        await expect(bob.inbox.viewLink("others", before.bob.others + 1)).toBeVisible();

        await alice.inbox.viewLink("mine").click();
        await alice.inbox.openConversation(name);
        const alicesView = new ConversationPage(alice.page, name);
        await expect(alicesView.entry(t.conversation.activity.reopened_by_message)).toBeVisible();
        await expect(alicesView.entry(`One more thing, ${run}`)).toBeVisible();
        await expect(alicesView.assignmentButton(ALICE)).toBeVisible();
      });

      const alicesView = new ConversationPage(alice.page, name);
      const reply = `Thanks, we are on it (${run})`;
      await test.step("alice replies: Twilio's stand-in gets it, and its delivery callback shows Delivered", async () => {
        await alicesView.reply(reply);
        await expect(alicesView.deliveryState(reply)).toHaveText(t.conversation.state.sent, { timeout: 20_000 });

        const calls = twilio.sentTo(contact.from);
        expect(calls).toHaveLength(1);
        const { form, sid, request } = calls[0]!;
        expect(request.path).toBe(`/2010-04-01/Accounts/${DEMO_APPS.whatsapp.accountSid}/Messages.json`);
        expect(request.headers.authorization).toBe(
          `Basic ${Buffer.from(`${DEMO_APPS.whatsapp.accountSid}:${DEMO_APPS.whatsapp.authToken}`).toString("base64")}`,
        );
        expect(Object.fromEntries(form)).toEqual({
          To: contact.from,
          From: DEMO_APPS.whatsapp.sender,
          Body: reply,
          StatusCallback: `${baseURL}/api/webhooks/whatsapp/${DEMO_APPS.whatsapp.id}/status`,
        });

        await sendWhatsappStatus(baseURL!, { messageSid: sid, to: contact.from, status: "delivered" });
        await expect(alicesView.deliveryState(reply)).toHaveText(t.conversation.state.delivered);
      });

      await test.step("bob finds no Delete conversation; alice deletes it after confirming", async () => {
        await bob.inbox.viewLink("others").click();
        await bob.inbox.openConversation(name);
        await expect(bobsView.deliveryState(reply)).toHaveText(t.conversation.state.delivered);
        const bobsMenu = await bobsView.openContactMenu();
        await expect(bobsMenu).toContainText(contact.from);
        await expect(bobsMenu.getByRole("menuitem", { name: t.conversation.delete.action })).toHaveCount(0);
        await bob.page.keyboard.press("Escape");

        await alicesView.openContactMenu();
        await alicesView.deleteItem.click();
        await expect(alicesView.deleteDialog).toContainText(t.conversation.delete.providerCopy.replace("{provider}", "WhatsApp"));
        await alicesView.deleteDialog.getByRole("button", { name: t.common.cancel }).click();
        await expect(alicesView.heading).toBeVisible();

        await alicesView.deleteConversation();
        await expect(alice.page).toHaveURL(/\/messaging\/mine$/);
        await expect(alice.inbox.row(name)).toHaveCount(0);
        await expect(alice.inbox.viewLink("mine", before.alice.mine)).toBeVisible();
        // Bob had it open: he is taken back to the list.
        await expect(bob.page).toHaveURL(/\/messaging\/others$/);
        await expect(bob.inbox.row(name)).toHaveCount(0);
        await expect(bob.inbox.viewLink("others", before.bob.others)).toBeVisible();
      });
    } catch (error) {
      await deleteLeftovers(alice, [name, newcomer]);
      throw error;
    }
  });
});

test.describe("claim on reply (issue 16)", () => {
  test("a reply to the demo's unassigned conversation moves it to Assigned to me; unassigning puts it back", async ({ alice }) => {
    test.setTimeout(90_000);
    const name = "Jana Nováková";
    await openLive(alice, "unassigned");
    const before = { unassigned: await alice.inbox.count("unassigned"), mine: await alice.inbox.count("mine") };
    await alice.inbox.openConversation(name);
    const view = new ConversationPage(alice.page, name);
    await expect(view.assignmentButton()).toBeVisible();
    const text = `Thursday at 10 is free (${tag()})`;
    try {
      await view.reply(text);
      await expect(view.entry(t.conversation.activity.claimedByReply.replace("{actor}", ALICE))).toBeVisible();
      await expect(view.assignmentButton(ALICE)).toBeVisible();
      await expect(alice.inbox.viewLink("unassigned", before.unassigned - 1)).toBeVisible();
      await expect(alice.inbox.viewLink("mine", before.mine + 1)).toBeVisible();
      await expect(view.deliveryState(text)).toHaveText(t.conversation.state.sent, { timeout: 20_000 });
      expect(messenger.sentTo(DEMO_JANA_PSID)).toHaveLength(1);
      await alice.page.screenshot({ path: "test-results/failures/claim-on-reply-1280.png" });
      await alice.page.setViewportSize({ width: 390, height: 844 });
      await alice.page.screenshot({ path: "test-results/failures/claim-on-reply-390.png" });
      await alice.page.setViewportSize({ width: 1280, height: 720 });
    } finally {
      // The demo as it was: the inbox and language specs count two unassigned conversations.
      await alice.inbox.goto("mine");
      if ((await alice.inbox.row(name).count()) > 0) {
        await alice.inbox.openConversation(name);
        await new ConversationPage(alice.page, name).openAssignmentMenu(ALICE);
        await alice.page.getByRole("menuitem", { name: t.conversation.assign.unassign }).click();
        await expect(alice.inbox.viewLink("unassigned", before.unassigned)).toBeVisible();
      }
    }
    await expect(alice.inbox.viewLink("mine", before.mine)).toBeVisible();

    // The admin's switch, on by default, in Settings → Messaging.
    await alice.page.goto("/settings/integrations/messaging");
    const setting = alice.page.getByRole("form", { name: t.settings.messaging.claimOnReply.label });
    await expect(setting).toContainText(t.settings.messaging.claimOnReply.summaryOn);
    await expect(setting.getByRole("checkbox", { name: t.settings.messaging.claimOnReply.enable })).toBeChecked();
    await setting.scrollIntoViewIfNeeded();
    await alice.page.screenshot({ path: "test-results/failures/claim-setting-1280.png" });
    await alice.page.setViewportSize({ width: 390, height: 844 });
    await setting.scrollIntoViewIfNeeded();
    await alice.page.screenshot({ path: "test-results/failures/claim-setting-390.png" });
  });
});

test.describe("a failed reply where it is seen (issue 16)", () => {
  test("Twilio fails a reply as an invalid recipient: the row says Not delivered, the thread why, and no Send again", async ({ alice, baseURL }) => {
    test.setTimeout(90_000);
    const run = tag();
    const contact = { from: newWhatsappContact(), profileName: `E2E Failed ${run}` };
    const name = contact.profileName;
    await openLive(alice, "unassigned");
    await sendWhatsappMessage(baseURL!, { ...contact, text: `Can you call me? (${run})` });
    try {
      await alice.inbox.openConversation(name);
      const view = new ConversationPage(alice.page, name);
      const failedReply = `One more detail (${run})`;
      await view.reply(failedReply);
      await expect(view.deliveryState(failedReply)).toHaveText(t.conversation.state.sent, { timeout: 20_000 });
      const { sid } = twilio.sentTo(contact.from).at(-1)!;
      // The reply claimed it: the row is in Assigned to me now.
      await alice.inbox.viewLink("mine").click();
      await alice.inbox.waitForLive();
      await expect(alice.inbox.row(name)).toBeVisible();
      await expect(alice.inbox.row(name)).not.toContainText(t.inbox.notDelivered);

      await sendWhatsappStatus(baseURL!, { messageSid: sid, to: contact.from, status: "undelivered", errorCode: "63024", errorMessage: "Invalid message recipient" });

      // Live, in the list: the row's link names it, so a screen reader hears it too.
      await expect(alice.inbox.row(name)).toContainText(t.inbox.notDelivered);
      await expect(alice.inbox.row(name)).toHaveAccessibleName(new RegExp(t.inbox.notDelivered));
      await alice.inbox.openConversation(name);
      const reason = t.conversation.notDeliveredBecause.replace("{reason}", t.conversation.failure.recipient_invalid);
      await expect(view.deliveryState(failedReply)).toHaveText(reason);
      const detail = view.entry(failedReply).getByTestId("failure-detail");
      await detail.getByText(t.conversation.failureDetail).click();
      await expect(detail).toContainText("Invalid message recipient (Twilio error 63024)");
      await expect(view.entry(failedReply).getByRole("button", { name: t.conversation.sendAgain })).toHaveCount(0);
      await alice.page.setViewportSize({ width: 1280, height: 800 });
      await alice.page.screenshot({ path: "test-results/failures/not-delivered-1280.png" });
      await alice.page.setViewportSize({ width: 390, height: 844 });
      await alice.page.screenshot({ path: "test-results/failures/not-delivered-390-thread.png" });
      await alice.page.goto("/messaging/mine");
      await expect(alice.inbox.row(name)).toContainText(t.inbox.notDelivered);
      await alice.page.screenshot({ path: "test-results/failures/not-delivered-390-list.png" });
      await alice.page.setViewportSize({ width: 1280, height: 720 });
    } finally {
      await deleteLeftovers(alice, [name]);
    }
  });
});

