import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { appAccess, conversations, messagingApps, type Conversation, type MessagingApp, type User } from "@/db/schema";
import { countViews, listConversations } from "@/lib/inbox/queries";
import { VIEWS, isView, type View } from "@/lib/views";
import { createApp, createConversation, createUser, createWorkspace, subjectOf } from "@/tests/factories";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/**
 * Demo-like workspaces built from factories: Acme (alice admin and installer of two apps
 * open to bob only, carol without access) and Other (dave), with one conversation per view
 * and app so every expectation below names exact rows.
 */
async function buildInboxes() {
  const acme = await createWorkspace({ name: "Acme" });
  const alice = await createUser({ workspace: acme, role: "admin", name: "Alice" });
  const bob = await createUser({ workspace: acme, name: "Bob" });
  const carol = await createUser({ workspace: acme, name: "Carol" });
  const messenger = await createApp({ installer: alice, provider: "messenger", members: [bob] });
  const whatsapp = await createApp({ installer: alice, provider: "whatsapp", members: [bob] });

  const other = await createWorkspace({ name: "Other" });
  const dave = await createUser({ workspace: other, role: "admin", name: "Dave" });
  const otherApp = await createApp({ installer: dave, provider: "whatsapp" });

  let age = 0;
  const conversation = (app: MessagingApp, contactName: string, extra: { assignee?: User; status?: "closed" } = {}) =>
    createConversation({ app, contactName, lastActivityAt: minutesAgo((age += 10)), ...extra });

  const c = {
    unassignedM: await conversation(messenger, "Unassigned on Messenger"),
    unassignedW: await conversation(whatsapp, "Unassigned on WhatsApp"),
    aliceM: await conversation(messenger, "Alice's on Messenger", { assignee: alice }),
    aliceW: await conversation(whatsapp, "Alice's on WhatsApp", { assignee: alice }),
    bobM: await conversation(messenger, "Bob's on Messenger", { assignee: bob }),
    bobW: await conversation(whatsapp, "Bob's on WhatsApp", { assignee: bob }),
    closedM: await conversation(messenger, "Closed on Messenger", { assignee: bob, status: "closed" }),
    closedW: await conversation(whatsapp, "Closed on WhatsApp", { status: "closed" }),
    otherUnassigned: await conversation(otherApp, "Olga at Other"),
    otherDave: await conversation(otherApp, "Dave's at Other", { assignee: dave }),
  };
  return { acme, other, alice, bob, carol, dave, messenger, whatsapp, otherApp, c };
}

async function idsIn(user: User, view: View, appId?: string | null): Promise<string[]> {
  const { rows } = await listConversations(db, subjectOf(user), view, { appId, limit: 100 });
  return rows.map((row) => row.id);
}

async function allViews(user: User, appId?: string | null): Promise<Record<View, string[]>> {
  const entries = await Promise.all(VIEWS.map(async (view) => [view, await idsIn(user, view, appId)] as const));
  return Object.fromEntries(entries) as Record<View, string[]>;
}

const ids = (...rows: Conversation[]) => rows.map((row) => row.id);

describe("inbox views", () => {
  it("show the admin who installed the apps every conversation in the view its state says, newest first", async () => {
    const { alice, c } = await buildInboxes();

    expect(await allViews(alice)).toEqual({
      unassigned: ids(c.unassignedM, c.unassignedW),
      mine: ids(c.aliceM, c.aliceW),
      others: ids(c.bobM, c.bobW),
      snoozed: [],
      closed: ids(c.closedM, c.closedW),
    });
  });

  it("show a member on the apps' access lists the same rows, with mine and others from their side", async () => {
    const { bob, c } = await buildInboxes();

    expect(await allViews(bob)).toEqual({
      unassigned: ids(c.unassignedM, c.unassignedW),
      mine: ids(c.bobM, c.bobW),
      others: ids(c.aliceM, c.aliceW),
      snoozed: [],
      closed: ids(c.closedM, c.closedW),
    });
  });

  it("show a member without access to any app nothing", async () => {
    const { carol } = await buildInboxes();

    expect(await allViews(carol)).toEqual({ unassigned: [], mine: [], others: [], snoozed: [], closed: [] });
    expect(await countViews(db, subjectOf(carol))).toEqual({ unassigned: 0, mine: 0, others: 0, snoozed: 0, closed: 0 });
  });

  it("show a user of another workspace only their own workspace's conversations", async () => {
    const { dave, c } = await buildInboxes();

    expect(await allViews(dave)).toEqual({
      unassigned: ids(c.otherUnassigned),
      mine: ids(c.otherDave),
      others: [],
      snoozed: [],
      closed: [],
    });
  });

  it("never show another workspace's rows, even to a user whose id is on that app's access list", async () => {
    const { dave, messenger, c } = await buildInboxes();
    // A corrupt access row must not open a door across workspaces (spec §1).
    await (await getDb()).insert(appAccess).values({ appId: messenger.id, userId: dave.id });

    const seen = Object.values(await allViews(dave)).flat();
    expect(seen.sort()).toEqual(ids(c.otherUnassigned, c.otherDave).sort());
    expect(await idsIn(dave, "unassigned", messenger.id)).toEqual([]);
  });

  it("show an admin who neither installed nor is listed on a chosen app none of its conversations", async () => {
    const { acme } = await buildInboxes();
    const secondAdmin = await createUser({ workspace: acme, role: "admin" });

    expect(Object.values(await allViews(secondAdmin)).flat()).toEqual([]);
  });

  it("show everyone in the workspace the conversations of an app open to everyone, and only those", async () => {
    const { acme, alice, carol } = await buildInboxes();
    const everyoneApp = await createApp({ installer: alice, accessMode: "everyone" });
    const open = await createConversation({ app: everyoneApp });
    const closed = await createConversation({ app: everyoneApp, status: "closed", lastActivityAt: minutesAgo(500) });
    const newcomer = await createUser({ workspace: acme });

    for (const user of [carol, newcomer]) {
      expect(await allViews(user)).toEqual({ unassigned: ids(open), mine: [], others: [], snoozed: [], closed: ids(closed) });
    }
  });

  it("show a member listed on one app only that app's conversations", async () => {
    const { acme, alice, c } = await buildInboxes();
    const whatsappOnly = await createUser({ workspace: acme });
    const app = await createApp({ installer: alice, provider: "whatsapp", members: [whatsappOnly] });
    const own = await createConversation({ app, assignee: whatsappOnly });

    expect(await allViews(whatsappOnly)).toEqual({ unassigned: [], mine: ids(own), others: [], snoozed: [], closed: [] });
    expect(await idsIn(whatsappOnly, "unassigned")).not.toContain(c.unassignedW.id);
  });

  it("drop an uninstalled app's conversations from every view and count, also for its installer", async () => {
    const { alice, bob, messenger, c } = await buildInboxes();
    await (await getDb()).update(messagingApps).set({ uninstalledAt: new Date() }).where(eq(messagingApps.id, messenger.id));

    for (const user of [alice, bob]) {
      const seen = Object.values(await allViews(user)).flat();
      expect(seen).toHaveLength(4);
      expect(seen).not.toEqual(expect.arrayContaining([c.unassignedM.id]));
      expect(await countViews(db, subjectOf(user))).toEqual({ unassigned: 1, mine: 1, others: 1, snoozed: 0, closed: 1 });
    }
    expect(await idsIn(alice, "unassigned")).toEqual(ids(c.unassignedW));
  });

  it("leave out deleted conversations", async () => {
    const { alice, c } = await buildInboxes();
    await (await getDb()).update(conversations).set({ deletedAt: new Date() }).where(eq(conversations.id, c.aliceM.id));

    expect(await idsIn(alice, "mine")).toEqual(ids(c.aliceW));
    expect((await countViews(db, subjectOf(alice))).mine).toBe(1);
  });

  it("count exactly the rows each list shows, for every user", async () => {
    const { alice, bob, carol, dave } = await buildInboxes();

    for (const user of [alice, bob, carol, dave]) {
      const lists = await allViews(user);
      const counts = await countViews(db, subjectOf(user));
      expect(counts).toEqual({
        unassigned: lists.unassigned.length,
        mine: lists.mine.length,
        others: lists.others.length,
        snoozed: lists.snoozed.length,
        closed: lists.closed.length,
      });
    }
  });

  it("filter lists and counts by app", async () => {
    const { alice, whatsapp, c } = await buildInboxes();

    expect(await allViews(alice, whatsapp.id)).toEqual({
      unassigned: ids(c.unassignedW),
      mine: ids(c.aliceW),
      others: ids(c.bobW),
      snoozed: [],
      closed: ids(c.closedW),
    });
    expect(await countViews(db, subjectOf(alice), whatsapp.id)).toEqual({ unassigned: 1, mine: 1, others: 1, snoozed: 0, closed: 1 });
  });

  it("show nothing for another workspace's app id, and ignore an app id that is not an id", async () => {
    const { alice, otherApp, c } = await buildInboxes();

    expect(await idsIn(alice, "unassigned", otherApp.id)).toEqual([]);
    expect(await countViews(db, subjectOf(alice), otherApp.id)).toEqual({ unassigned: 0, mine: 0, others: 0, snoozed: 0, closed: 0 });
    expect(await idsIn(alice, "unassigned", "not-an-id")).toEqual(ids(c.unassignedM, c.unassignedW));
  });

  it("carry what a row shows: contact, app, provider, assignee and preview", async () => {
    const { alice, bob, messenger, c } = await buildInboxes();
    await (await getDb())
      .update(conversations)
      .set({ lastMessagePreview: "Any news?", lastMessageAt: new Date() })
      .where(eq(conversations.id, c.bobM.id));

    const { rows } = await listConversations(db, subjectOf(alice), "others", { appId: messenger.id });
    expect(rows).toEqual([
      expect.objectContaining({
        id: c.bobM.id,
        contactName: "Bob's on Messenger",
        appName: messenger.name,
        provider: "messenger",
        assigneeId: bob.id,
        assigneeName: "Bob",
        lastMessagePreview: "Any news?",
        isUnread: true,
      }),
    ]);
  });
});

describe("isView", () => {
  it.each(["unassigned", "mine", "others", "closed"])("accepts %s", (value) => {
    expect(isView(value)).toBe(true);
  });

  it.each(["archive", "", "Mine", "c", "unassigned/", "__proto__"])("rejects %j, which the page answers with 404", (value) => {
    expect(isView(value)).toBe(false);
  });
});
