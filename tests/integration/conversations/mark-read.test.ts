import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/index";
import { conversationReads, type User } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { loadInbox } from "@/lib/inbox/load-inbox";
import { readNewestThread } from "@/lib/inbox/live-reads";
import { loadSearch } from "@/lib/search/load-search";
import { actorOf, subjectOf } from "@/tests/factories";
import { snapshotDatabase } from "@/tests/support/db-snapshot";
import { buildWorld, unknownId } from "./world";

// As in actions.test.ts: only the signed-in actor is swapped in; the action, domain and database are real.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { markConversationReadAction } = await import("@/app/(app)/messaging/actions");

const signInAs = (user: User | null) => {
  session.actor = user ? actorOf(user) : null;
};

afterEach(() => signInAs(null));

async function readMarkerOf(conversationId: string, user: User): Promise<Date | null> {
  const db = await getDb();
  const [row] = await db
    .select({ readAt: conversationReads.readAt })
    .from(conversationReads)
    .where(and(eq(conversationReads.conversationId, conversationId), eq(conversationReads.userId, user.id)));
  return row?.readAt ?? null;
}

describe("reading a conversation", () => {
  it("is the open thread's action: it marks the conversation read for the reader only", async () => {
    const world = await buildWorld();
    const { alice, dan } = world.users;
    signInAs(alice);

    expect(await markConversationReadAction({ conversationId: world.conversation.id })).toEqual({ ok: true, value: null });

    expect(await readMarkerOf(world.conversation.id, alice)).toBeInstanceOf(Date);
    expect(await readMarkerOf(world.conversation.id, dan)).toBeNull();
  });

  it.each([
    ["while signed out", null, (world: Awaited<ReturnType<typeof buildWorld>>) => world.conversation.id, { ok: false, reason: "signed_out" }],
    ["by a user without access to the app", "carol", (world: Awaited<ReturnType<typeof buildWorld>>) => world.conversation.id, { ok: false, reason: "not_found" }],
    ["of another workspace's conversation", "alice", (world: Awaited<ReturnType<typeof buildWorld>>) => world.otherConversation.id, { ok: false, reason: "not_found" }],
    ["of a deleted conversation", "alice", (world: Awaited<ReturnType<typeof buildWorld>>) => world.deleted.id, { ok: false, reason: "not_found" }],
    ["of an unknown id", "alice", () => unknownId(), { ok: false, reason: "not_found" }],
  ] as const)("is refused %s, writing nothing", async (_what, who, idOf, refusal) => {
    const world = await buildWorld();
    signInAs(who ? world.users[who] : null);
    const before = await snapshotDatabase();

    expect(await markConversationReadAction({ conversationId: idOf(world) })).toEqual(refusal);
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("refuses an id that is not a uuid as invalid_input, writing nothing", async () => {
    const world = await buildWorld();
    signInAs(world.users.alice);
    const before = await snapshotDatabase();

    expect(await markConversationReadAction({ conversationId: "42" })).toMatchObject({ ok: false, reason: "invalid_input" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("is not a side effect of loading the page, the search result or the live thread refresh", async () => {
    const world = await buildWorld();
    const alice = subjectOf(world.users.alice);
    const db = await getDb();
    const before = await snapshotDatabase();

    const inbox = await loadInbox(db, alice, { view: "unassigned", conversationId: world.conversation.id, app: null, after: null });
    const search = await loadSearch(db, alice, { q: "Ann", after: null, conversationId: world.conversation.id });
    const thread = await readNewestThread(db, alice, world.conversation.id);

    expect(inbox.kind === "inbox" && inbox.open?.conversation.id).toBe(world.conversation.id);
    expect(!search.missing && search.open?.conversation.id).toBe(world.conversation.id);
    expect(thread?.messages.length).toBe(3);
    expect(await snapshotDatabase()).toEqual(before);
  });
});
