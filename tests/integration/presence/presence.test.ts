import { beforeAll, afterEach, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { streamAudience } from "@/lib/realtime/audience";
import { subscribeToEvents, waitUntilListening } from "@/lib/realtime/bus";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { announcePresence } from "@/lib/presence/presence";
import { createApp, createConversation, createUser, createWorkspace, subjectOf } from "@/tests/factories";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

const unsubscribers: Array<() => void> = [];
afterEach(async () => {
  unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());
  await waitUntilListening();
});

/** What one user's live stream would carry, as app/api/events/route.ts filters it. */
async function streamOf(subject: { userId: string; workspaceId: string }) {
  const audience = streamAudience(db, subject);
  const sent: RealtimeEvent[] = [];
  let queue = Promise.resolve();
  unsubscribers.push(
    subscribeToEvents((event) => {
      queue = queue.then(async () => {
        if ((await audience.decide(event)) === "send") sent.push(event);
      });
    }),
  );
  await waitUntilListening();
  return { presence: () => sent.filter((event) => event.type === "presence"), settled: () => queue };
}

async function team() {
  const workspace = await createWorkspace();
  const alice = await createUser({ workspace, role: "admin", name: "Alice" });
  const bob = await createUser({ workspace, name: "Bob" });
  const carol = await createUser({ workspace, name: "Carol" });
  const app = await createApp({ installer: alice, accessMode: "chosen", members: [bob] });
  const conversation = await createConversation({ app });
  const actor = (user: typeof alice) => ({ ...subjectOf(user), name: user.name });
  return { workspace, alice, bob, carol, app, conversation, actor };
}

describe("presence (spec §13)", () => {
  it("reaches teammates with access to the app, and nobody without it", async () => {
    const { alice, bob, carol, app, conversation, actor } = await team();
    const [bobsStream, carolsStream] = [await streamOf(subjectOf(bob)), await streamOf(subjectOf(carol))];

    const result = await announcePresence(await getDb(), actor(alice), { conversationId: conversation.id, state: "typing" });

    expect(result).toEqual({ ok: true, value: null });
    await expect.poll(() => bobsStream.presence()).toEqual([
      {
        type: "presence",
        workspaceId: app.workspaceId,
        appId: app.id,
        conversationId: conversation.id,
        userId: alice.id,
        name: "Alice",
        state: "typing",
      },
    ]);
    await carolsStream.settled();
    expect(carolsStream.presence()).toEqual([]);
  });

  it("refuses a conversation the user cannot reach, and another workspace's, announcing nothing", async () => {
    const { carol, conversation, bob, actor } = await team();
    const outsider = await createUser({ workspace: await createWorkspace(), name: "Dave" });
    const bobsStream = await streamOf(subjectOf(bob));

    expect(await announcePresence(db, actor(carol), { conversationId: conversation.id, state: "viewing" })).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await announcePresence(db, actor(outsider), { conversationId: conversation.id, state: "viewing" })).toEqual({
      ok: false,
      reason: "not_found",
    });
    // Published after the refusals: once it is here, they would have been too.
    await announcePresence(db, actor(bob), { conversationId: conversation.id, state: "viewing" });
    await bobsStream.settled();
    await expect.poll(() => bobsStream.presence().map((event) => event.type === "presence" && event.userId)).toEqual([bob.id]);
  });

  it("drops a repeat of the same announcement within a second, but never a leave", async () => {
    const { alice, conversation, actor } = await team();
    const input = { conversationId: conversation.id, state: "typing" as const };

    expect((await announcePresence(db, actor(alice), input)).ok).toBe(true);
    expect(await announcePresence(db, actor(alice), input)).toEqual({ ok: false, reason: "rate_limited" });
    expect((await announcePresence(db, actor(alice), { conversationId: conversation.id, state: "left" })).ok).toBe(true);
    expect((await announcePresence(db, actor(alice), { conversationId: conversation.id, state: "left" })).ok).toBe(true);
  });
});
