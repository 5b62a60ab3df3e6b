import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/index";
import { conversations, type User } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { actorOf, createApp, createConversation, createUser, createWorkspace } from "@/tests/factories";
import { snapshotDatabase } from "@/tests/support/db-snapshot";
import { startMessengerStandIn } from "@/tests/stand-ins/meta";
import type { ProviderStandIn } from "@/tests/stand-ins/provider-stand-in";
import { conversationsOf, inboundEvent, newPsid, newWhatsappNumber, sendMessenger, sendWhatsapp, whatsappInbound } from "@/tests/support/webhooks";
import { fetchMessengerProfileJob } from "@/lib/inbox/fetch-messenger-profile-job";
import { drainJobs } from "@/tests/support/jobs";

// The signed-in actor is the one thing swapped in; authedAction, the domain and the database are real.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { renameContactAction } = await import("@/app/(app)/messaging/actions");

const signInAs = (user: User | null) => {
  session.actor = user ? actorOf(user) : null;
};

let graph: ProviderStandIn;
beforeAll(async () => {
  graph = await startMessengerStandIn();
});
afterAll(async () => {
  await graph.close();
});
afterEach(() => signInAs(null));

async function world() {
  const acme = await createWorkspace({ name: "Acme" });
  const alice = await createUser({ workspace: acme, role: "admin", name: "Alice Admin" });
  const bob = await createUser({ workspace: acme, name: "Bob Member" });
  const carol = await createUser({ workspace: acme, name: "Carol Outsider" });
  const messenger = await createApp({ installer: alice, provider: "messenger", members: [bob] });
  const whatsapp = await createApp({ installer: alice, provider: "whatsapp", members: [bob] });
  const other = await createWorkspace({ name: "Other" });
  const olga = await createUser({ workspace: other, role: "admin", name: "Olga Other" });
  const conversation = await createConversation({ app: messenger, contactName: "7000000000000001" });
  return { users: { alice, bob, carol, olga }, messenger, whatsapp, conversation };
}

async function contactOf(conversationId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ name: conversations.contactName, isLocked: conversations.isContactNameLocked })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  return row;
}

const runProfileJobs = () => drainJobs({ retryBaseMs: 0, queues: [fetchMessengerProfileJob.queue] });
const profileAnswer = (first: string, last: string) => ({ status: 200, json: { first_name: first, last_name: last, id: "x" } });

describe("renaming a contact", () => {
  it("renames the contact for a user with access to the app, trimmed, and locks the name", async () => {
    const { users, conversation } = await world();
    signInAs(users.bob);

    const result = await renameContactAction({ conversationId: conversation.id, name: "  Ana Nováková  " });

    expect(result).toEqual({ ok: true, value: { name: "Ana Nováková" } });
    expect(await contactOf(conversation.id)).toEqual({ name: "Ana Nováková", isLocked: true });
  });

  it("refuses while signed out, changing nothing", async () => {
    const { conversation } = await world();
    const before = await snapshotDatabase();

    expect(await renameContactAction({ conversationId: conversation.id, name: "Ana" })).toEqual({ ok: false, reason: "signed_out" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it.each([
    ["a user of another workspace", "olga"],
    ["a teammate without access to the app", "carol"],
  ] as const)("answers %s not_found, changing nothing", async (_who, name) => {
    const { users, conversation } = await world();
    signInAs(users[name]);
    const before = await snapshotDatabase();

    expect(await renameContactAction({ conversationId: conversation.id, name: "Ana" })).toEqual({ ok: false, reason: "not_found" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it.each([
    ["an empty name", ""],
    ["a name of spaces only", "   "],
    ["a name longer than 120 characters", "A".repeat(121)],
  ])("refuses %s as invalid_input, changing nothing", async (_what, name) => {
    const { users, conversation } = await world();
    signInAs(users.alice);
    const before = await snapshotDatabase();

    expect(await renameContactAction({ conversationId: conversation.id, name })).toMatchObject({ ok: false, reason: "invalid_input" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("refuses a conversation id that is not a uuid as invalid_input", async () => {
    const { users } = await world();
    signInAs(users.alice);

    expect(await renameContactAction({ conversationId: "42", name: "Ana" })).toMatchObject({ ok: false, reason: "invalid_input" });
  });

  it("takes exactly 120 characters", async () => {
    const { users, conversation } = await world();
    signInAs(users.alice);
    const name = "Ž".repeat(120);

    expect(await renameContactAction({ conversationId: conversation.id, name })).toMatchObject({ ok: true });
    expect((await contactOf(conversation.id))?.name).toBe(name);
  });
});

describe("a renamed contact keeps its name", () => {
  it("names a new Messenger contact from the profile when nobody renamed it (the lookup works)", async () => {
    const { messenger } = await world();
    const psid = newPsid();
    await sendMessenger(messenger, [inboundEvent(messenger, psid, "Hello?")]);
    const [conversation] = (await conversationsOf(messenger)).filter((row) => row.externalContactId === psid);
    expect(conversation?.contactName).toBe(psid);

    graph.answerNext(profileAnswer("Ana", "Meta"));
    await runProfileJobs();

    expect((await contactOf(conversation!.id))?.name).toBe("Ana Meta");
  });

  it.each([
    ["a name of their own", () => "Ana from the trade fair"],
    // The PSID it showed, kept on purpose: only the lock tells the lookup to leave it alone.
    ["the PSID it showed", (psid: string) => psid],
  ] as Array<[string, (psid: string) => string]>)("keeps %s when the Messenger profile lookup runs afterwards", async (_what, nameFor) => {
    const { users, messenger } = await world();
    const psid = newPsid();
    await sendMessenger(messenger, [inboundEvent(messenger, psid, "Hello?")]);
    const [conversation] = (await conversationsOf(messenger)).filter((row) => row.externalContactId === psid);
    signInAs(users.bob);
    expect(await renameContactAction({ conversationId: conversation!.id, name: nameFor(psid) })).toMatchObject({ ok: true });

    graph.answerNext(profileAnswer("Ana", "Meta"));
    await runProfileJobs();

    expect(await contactOf(conversation!.id)).toEqual({ name: nameFor(psid), isLocked: true });
  });

  it("keeps the user's name when a later WhatsApp message carries another ProfileName", async () => {
    const { users, whatsapp } = await world();
    const from = newWhatsappNumber();
    await sendWhatsapp(whatsapp, whatsappInbound(whatsapp, { from, profileName: "pavel", text: "Dobrý den" }));
    const [conversation] = await conversationsOf(whatsapp);
    expect(conversation?.contactName).toBe("pavel");
    signInAs(users.alice);
    await renameContactAction({ conversationId: conversation!.id, name: "Pavel Novák (Northwind)" });

    await sendWhatsapp(whatsapp, whatsappInbound(whatsapp, { from, profileName: "Pavel N.", text: "Ještě jedna věc" }));

    expect(await contactOf(conversation!.id)).toEqual({ name: "Pavel Novák (Northwind)", isLocked: true });
  });

  it("still takes a new ProfileName for a contact nobody renamed", async () => {
    const { whatsapp } = await world();
    const from = newWhatsappNumber();
    await sendWhatsapp(whatsapp, whatsappInbound(whatsapp, { from, profileName: "pavel" }));
    await sendWhatsapp(whatsapp, whatsappInbound(whatsapp, { from, profileName: "Pavel N." }));

    const [conversation] = await conversationsOf(whatsapp);
    expect(conversation?.contactName).toBe("Pavel N.");
  });
});
