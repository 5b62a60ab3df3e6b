import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/index";
import { conversations } from "@/db/schema";
import { decodeCursor } from "@/lib/keyset-cursor";
import { RECENT_WINDOW, searchConversations } from "@/lib/search/search-conversations";
import { parseSearchQuery } from "@/lib/search/search-query";
import { createApp, createConversation, createMessage, createUser, createWorkspace, subjectOf } from "@/tests/factories";
import type { User } from "@/db/schema";

async function search(user: User, text: string, after: string | null = null) {
  const query = parseSearchQuery(text);
  if (!query) throw new Error(`nothing to search in ${JSON.stringify(text)}`);
  return searchConversations(await getDb(), subjectOf(user), query, { after: decodeCursor(after) });
}

const names = (found: { results: { contactName: string }[] }) => found.results.map((result) => result.contactName);

describe("search", () => {
  it("finds names and message text without accents or case, and numbers with or without +, spaces or whatsapp:", async () => {
    const workspace = await createWorkspace();
    const alice = await createUser({ workspace, role: "admin" });
    const whatsapp = await createApp({ installer: alice, provider: "whatsapp" });
    const messenger = await createApp({ installer: alice, provider: "messenger" });
    const jana = await createConversation({ app: whatsapp, contactName: "Jana Nováková", externalContactId: "whatsapp:+420601234567" });
    const marek = await createConversation({ app: messenger, contactName: "Marek Dvořák" });
    await createMessage({ conversation: marek, text: "Dobrý den, kdy otevíráte?" });
    await createConversation({ app: messenger, contactName: "Someone Else" });

    expect(names(await search(alice, "novakova"))).toEqual(["Jana Nováková"]);
    expect(names(await search(alice, "NOVÁK jana"))).toEqual(["Jana Nováková"]);
    expect(names(await search(alice, "dobry den"))).toEqual(["Marek Dvořák"]);
    expect(names(await search(alice, "DOBR"))).toEqual(["Marek Dvořák"]);
    for (const number of ["+420601234567", "420601234567", "+420 601 234 567", "whatsapp:+420601234567", "601 234"]) {
      expect(names(await search(alice, number)), number).toEqual(["Jana Nováková"]);
    }
    const [hit] = (await search(alice, "dobry")).results;
    expect(hit).toMatchObject({ matchedText: "Dobrý den, kdy otevíráte?", view: "unassigned" });
    expect((await search(alice, "novakova")).results[0]).toMatchObject({ id: jana.id, matchedText: null });
  });

  it("never returns another workspace's, an inaccessible app's or a deleted conversation", async () => {
    const workspace = await createWorkspace();
    const alice = await createUser({ workspace, role: "admin" });
    const bob = await createUser({ workspace });
    const open = await createApp({ installer: alice });
    const privateApp = await createApp({ installer: alice, members: [] });
    await createConversation({ app: open, contactName: "Petra Visible" });
    const hidden = await createConversation({ app: privateApp, contactName: "Petra Private" });
    await createMessage({ conversation: hidden, text: "petra secret words" });
    const gone = await createConversation({ app: open, contactName: "Petra Deleted" });
    await (await getDb()).update(conversations).set({ deletedAt: new Date() }).where(eq(conversations.id, gone.id));

    const other = await createWorkspace();
    const dave = await createUser({ workspace: other, role: "admin" });
    const daves = await createConversation({ app: await createApp({ installer: dave }), contactName: "Petra Elsewhere" });
    await createMessage({ conversation: daves, text: "petra" });

    expect(names(await search(bob, "petra"))).toEqual(["Petra Visible"]);
    expect(names(await search(bob, "secret"))).toEqual([]);
    expect(names(await search(alice, "petra")).sort()).toEqual(["Petra Private", "Petra Visible"]);
    expect(names(await search(dave, "petra"))).toEqual(["Petra Elsewhere"]);
  });

  it("orders newest first, names each result's view and pages by keyset without repeats", async () => {
    const workspace = await createWorkspace();
    const alice = await createUser({ workspace, role: "admin" });
    const bob = await createUser({ workspace });
    const app = await createApp({ installer: alice });
    const base = Date.now() - 3_600_000;
    const made = [];
    for (let i = 0; i < 30; i++) {
      made.push(
        await createConversation({
          app,
          contactName: `Ticket ${i}`,
          lastActivityAt: new Date(base + i * 1000),
          status: i === 3 ? "closed" : "open",
          assignee: i === 4 ? bob : i === 5 ? alice : null,
        }),
      );
    }
    const first = await search(bob, "ticket");
    expect(first.results).toHaveLength(25);
    expect(names(first)[0]).toBe("Ticket 29");
    expect(first.nextCursor).not.toBeNull();
    const second = await search(bob, "ticket", first.nextCursor);
    expect(names(second)).toEqual(["Ticket 4", "Ticket 3", "Ticket 2", "Ticket 1", "Ticket 0"]);
    expect(second.nextCursor).toBeNull();
    expect(second.results.map((result) => result.view)).toEqual(["mine", "closed", "unassigned", "unassigned", "unassigned"]);
    expect(first.results.at(-1)).toMatchObject({ contactName: "Ticket 5", view: "others" });
  });

  it("treats SQL, LIKE and tsquery metacharacters as text, and caps long input", async () => {
    const workspace = await createWorkspace();
    const alice = await createUser({ workspace, role: "admin" });
    const app = await createApp({ installer: alice });
    const shop = await createConversation({ app, contactName: "Shop 100%" });
    await createMessage({ conversation: shop, text: "50% off today" });
    await createConversation({ app, contactName: "Other" });

    for (const hostile of ["'; drop table conversations; --", "a%b", "_%", "50% & !off | (x", "\\", "o'brien:*", ".*+?^${}()|[]"]) {
      const query = parseSearchQuery(hostile);
      if (query) await expect(searchConversations(await getDb(), subjectOf(alice), query)).resolves.toBeDefined();
    }
    expect(parseSearchQuery("%_%")).toBeNull();
    expect(names(await search(alice, "50% & off"))).toEqual(["Shop 100%"]);
    expect(names(await search(alice, "100%"))).toEqual(["Shop 100%"]);
    const long = await search(alice, `shop ${"x".repeat(500)}`);
    expect(long.results).toEqual([]);
    expect(parseSearchQuery(`shop ${"x".repeat(500)}`)!.text).toHaveLength(200);
    expect((await (await getDb()).select().from(conversations)).length).toBeGreaterThanOrEqual(2);
  });

  it("gives the same newest-first pages whether the newest conversations hold the matches or older ones do", async () => {
    const workspace = await createWorkspace();
    const alice = await createUser({ workspace, role: "admin" });
    const app = await createApp({ installer: alice });
    const total = RECENT_WINDOW + 40;
    const base = Date.now() - 10 * 3_600_000;
    for (let i = 0; i < total; i++) {
      const at = new Date(base + i * 1000);
      const conversation = await createConversation({
        app,
        contactName: `Item ${i}`,
        lastActivityAt: at,
        status: i % 7 === 0 ? "closed" : "open",
        assignee: i % 5 === 0 ? alice : null,
      });
      // "zebra" in the 30 newest and the 20 oldest; "quokka" only in the second oldest.
      const text = i >= total - 30 || i < 20 ? (i === 1 ? "zebra quokka" : "a zebra crossing") : "nothing to see";
      await createMessage({ conversation, text, occurredAt: at, touchConversation: false });
    }
    const item = (i: number) => `Item ${i}`;
    const range = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, k) => item(from - k));

    const first = await search(alice, "zebra");
    expect(names(first)).toEqual(range(total - 1, total - 25));
    const second = await search(alice, "zebra", first.nextCursor);
    expect(names(second)).toEqual([...range(total - 26, total - 30), ...range(19, 0)]);
    expect(second.nextCursor).toBeNull();
    expect(names(await search(alice, "quokka"))).toEqual([item(1)]);
    expect((await search(alice, "quokka")).results[0]).toMatchObject({ matchedText: "zebra quokka" });
    expect(names(await search(alice, item(total - 1)))).toEqual([item(total - 1)]);
  });
});
