import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, afterEach, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { appAccess, users } from "@/db/schema";
import { streamAudience } from "@/lib/realtime/audience";
import { subscribeToEvents, waitUntilListening } from "@/lib/realtime/bus";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { createApp, createUser, createWorkspace, subjectOf } from "@/tests/factories";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

const unsubscribers: Array<() => void> = [];
afterEach(async () => {
  unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());
  await waitUntilListening();
});

/**
 * A stream as app/api/events/route.ts runs it: every event from the bus goes through the
 * audience in order, and what it would send is recorded.
 */
async function openStream(subject: { userId: string; workspaceId: string }) {
  const audience = streamAudience(db, subject);
  const sent: RealtimeEvent[] = [];
  const decided: string[] = [];
  let queue = Promise.resolve();
  unsubscribers.push(
    subscribeToEvents((event) => {
      queue = queue.then(async () => {
        const decision = await audience.decide(event);
        decided.push(`${event.type}:${decision}`);
        if (decision === "send") sent.push(event);
      });
    }),
  );
  await waitUntilListening();
  return { audience, sent, decided, settled: () => queue };
}

function messageCreated(workspaceId: string, appId: string): RealtimeEvent {
  return { type: "message.created", workspaceId, appId, conversationId: randomUUID(), messageId: randomUUID() };
}

describe("a live stream's audience", () => {
  it("stops sending an app's events as soon as the user is taken off its access list", async () => {
    const workspace = await createWorkspace();
    const alice = await createUser({ workspace, role: "admin" });
    const bob = await createUser({ workspace });
    const app = await createApp({ installer: alice, accessMode: "chosen", members: [bob] });
    const stream = await openStream(subjectOf(bob));

    expect(await stream.audience.decide(messageCreated(workspace.id, app.id))).toBe("send");
    await (await getDb()).delete(appAccess).where(and(eq(appAccess.appId, app.id), eq(appAccess.userId, bob.id)));
    // The trigger's access.changed reaches the stream; an earlier one (the factories' own
    // changes, heard by a LISTEN that was already up) may come first, so wait for the outcome.
    await expect.poll(() => stream.decided).toContain("access.changed:skip");
    await expect.poll(async () => (await stream.settled(), stream.audience.decide(messageCreated(workspace.id, app.id)))).toBe("skip");
  });

  it("ends the stream of a user who is deactivated, and ignores other workspaces' changes", async () => {
    const workspace = await createWorkspace();
    const alice = await createUser({ workspace, role: "admin" });
    const bob = await createUser({ workspace });
    const app = await createApp({ installer: alice });
    const stream = await openStream(subjectOf(bob));
    const other = await createWorkspace();

    expect(await stream.audience.decide(messageCreated(workspace.id, app.id))).toBe("send");
    expect(await stream.audience.decide(messageCreated(other.id, app.id))).toBe("skip");
    await (await getDb()).update(users).set({ isActive: false }).where(eq(users.id, bob.id));
    await expect.poll(() => stream.decided).toContain("access.changed:skip");
    await expect.poll(async () => (await stream.settled(), stream.audience.decide(messageCreated(workspace.id, app.id)))).toBe("closed");
  });

  it("keeps what the user reaches between events instead of asking the database each time", async () => {
    const workspace = await createWorkspace();
    const alice = await createUser({ workspace, role: "admin" });
    const bob = await createUser({ workspace });
    const app = await createApp({ installer: alice, accessMode: "chosen", members: [bob] });
    const audience = streamAudience(db, subjectOf(bob));
    expect(await audience.decide(messageCreated(workspace.id, app.id))).toBe("send");
    // A change no trigger announces (here: written behind the triggers' back) is not seen...
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.delete(appAccess).where(eq(appAccess.userId, bob.id));
    });
    expect(await audience.decide(messageCreated(workspace.id, app.id))).toBe("send");
    // ...until the workspace's access.changed arrives.
    expect(await audience.decide({ type: "access.changed", workspaceId: workspace.id })).toBe("skip");
    expect(await audience.decide(messageCreated(workspace.id, app.id))).toBe("skip");
  });
});
