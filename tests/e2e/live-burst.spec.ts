import { expect, test, type SignedIn } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { newWhatsappContact, sendWhatsappMessage } from "./support/webhooks";

const CONTACTS = 10;
const PER_CONTACT = 10;
const SPREAD_MS = 10_000;

/**
 * What a list shows, row by row, in order: its text with each time given exactly (its
 * `datetime`), so two screens rendered a minute apart compare equal only when the rows are.
 */
async function listed({ inbox }: SignedIn): Promise<string[]> {
  return inbox.rows.evaluateAll((links) =>
    links.map((link) => {
      const copy = link.cloneNode(true) as HTMLElement;
      for (const time of copy.querySelectorAll("time")) time.textContent = ` ${time.dateTime} `;
      return (copy.textContent ?? "").replace(/\s+/g, " ").trim();
    }),
  );
}

test.describe("a burst of live messages", () => {
  // For the fixtures' sign-ins too, which a loaded machine can take long over.
  test.describe.configure({ timeout: 180_000 });
  const made: string[] = [];

  test.afterEach(async ({ alice }) => {
    // The suite shares one database: alice installed the demo apps, so she deletes what we made.
    for (const name of made.splice(0)) {
      await alice.inbox.goto("unassigned");
      if ((await alice.inbox.row(name).count()) === 0) continue;
      await alice.inbox.openConversation(name);
      await new ConversationPage(alice.page, name).deleteConversation();
    }
  });

  test("100 messages over 10 s end with the list exactly right in two browsers", async ({ alice, bob, signInAs, baseURL }) => {
    for (const user of [alice, bob]) {
      await user.inbox.goto("unassigned");
      await user.inbox.waitForLive();
    }
    const run = Date.now().toString(36);
    const contacts = Array.from({ length: CONTACTS }, (_, n) => ({ from: newWhatsappContact(), profileName: `Burst ${run} ${n}` }));
    made.push(...contacts.map((contact) => contact.profileName));

    // Round-robin over the contacts, one message every 100 ms: new conversations, then rows
    // moving to the top again and again.
    const sends: Promise<void>[] = [];
    for (let i = 0; i < CONTACTS * PER_CONTACT; i++) {
      const contact = contacts[i % CONTACTS]!;
      sends.push(sendWhatsappMessage(baseURL!, { ...contact, text: `Burst ${Math.floor(i / CONTACTS) + 1} from ${contact.profileName}` }));
      await new Promise((resolve) => setTimeout(resolve, SPREAD_MS / (CONTACTS * PER_CONTACT)));
    }
    await Promise.all(sends);

    // The truth: the same view rendered afresh by the server, for each user (unread marks are
    // theirs). Webhooks are acknowledged before every job behind them ran, so it is waited for.
    const lastOfEach = contacts.map((contact) => `Burst ${PER_CONTACT} from ${contact.profileName}`);
    for (const [role, user] of [["alice", alice], ["bob", bob]] as const) {
      const fresh = await signInAs(role);
      let expected: string[] = [];
      await expect
        .poll(
          async () => {
            await fresh.inbox.goto("unassigned");
            expected = await listed(fresh);
            return lastOfEach.filter((text) => !expected.some((row) => row.includes(text)));
          },
          { timeout: 20_000 },
        )
        .toEqual([]);
      const expectedCount = await fresh.inbox.count("unassigned");
      await fresh.page.context().close();

      // The live screen got there by events alone (no reload), with the same rows in the same order.
      await expect.poll(() => listed(user), { timeout: 10_000 }).toEqual(expected);
      await expect(user.inbox.viewLink("unassigned", expectedCount)).toBeVisible();
    }
  });
});
