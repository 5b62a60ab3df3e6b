import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { queryRows } from "@/db/client";
import { getDb } from "@/db/index";
import { publishEvent, subscribeToEvents, waitUntilListening } from "@/lib/realtime/bus";
import { log } from "@/lib/observability/log";
import type { RealtimeEvent } from "@/lib/realtime/events";

const workspaceId = randomUUID();
const appId = randomUUID();

function messageCreated(): RealtimeEvent {
  return { type: "message.created", workspaceId, appId, conversationId: randomUUID(), messageId: randomUUID() };
}

const unsubscribers: Array<() => void> = [];
async function collectEvents(): Promise<RealtimeEvent[]> {
  const received: RealtimeEvent[] = [];
  unsubscribers.push(subscribeToEvents((event) => received.push(event)));
  await waitUntilListening();
  return received;
}

afterEach(async () => {
  unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());
  await waitUntilListening();
  vi.restoreAllMocks();
});

describe("the realtime event bus", () => {
  it("delivers an event published in a committed transaction to every subscriber", async () => {
    const [first, second] = [await collectEvents(), await collectEvents()];
    const event = messageCreated();

    await (await getDb()).transaction((tx) => publishEvent(tx, event));

    await expect.poll(() => first).toEqual([event]);
    await expect.poll(() => second).toEqual([event]);
  });

  it("drops an event published in a transaction that rolls back", async () => {
    const received = await collectEvents();
    const db = await getDb();
    const rolledBack = messageCreated();
    const committed = messageCreated();

    await expect(
      db.transaction(async (tx) => {
        await publishEvent(tx, rolledBack);
        tx.rollback();
      }),
    ).rejects.toThrow();
    await db.transaction((tx) => publishEvent(tx, committed));

    // NOTIFYs arrive in commit order: once the later event is here, the first would have been too.
    await expect.poll(() => received).toEqual([committed]);
  });

  it("stops delivering to a subscriber that unsubscribed", async () => {
    const stillSubscribed = await collectEvents();
    const left: RealtimeEvent[] = [];
    const unsubscribe = subscribeToEvents((event) => left.push(event));
    await waitUntilListening();
    unsubscribe();
    const event = messageCreated();

    await publishEvent(await getDb(), event);

    await expect.poll(() => stillSubscribed).toEqual([event]);
    expect(left).toEqual([]);
  });

  it("ignores and reports a malformed payload, then keeps delivering", async () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    const received = await collectEvents();
    const db = await getDb();
    const event = messageCreated();

    await db.execute(sql`select pg_notify('switchboard_events', '{"type":"message.created"}')`);
    await db.execute(sql`select pg_notify('switchboard_events', 'not json')`);
    await publishEvent(db, event);

    await expect.poll(() => received).toEqual([event]);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it("keeps other subscribers served when one throws", async () => {
    const error = vi.spyOn(log, "error").mockImplementation(() => {});
    unsubscribers.push(
      subscribeToEvents(() => {
        throw new Error("browser went away");
      }),
    );
    const received = await collectEvents();
    const event = messageCreated();

    await publishEvent(await getDb(), event);

    await expect.poll(() => received).toEqual([event]);
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ event: "message.created", err: expect.any(Error) }), expect.any(String));
  });

  it("refuses a toast too long for NOTIFY instead of sending it", async () => {
    const tooLong = {
      type: "notification.toast",
      workspaceId,
      appId: null,
      userId: randomUUID(),
      conversationId: null,
      title: "New message",
      body: "x".repeat(8_000),
    } satisfies RealtimeEvent;

    await expect(publishEvent(await getDb(), tooLong)).rejects.toThrow();
  });

  it.runIf(process.env.DATABASE_URL)("listens again, once, after its PostgreSQL connection is cut", async () => {
    const received = await collectEvents();
    const db = await getDb();
    const terminated = await queryRows(
      db,
      sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen%'`,
    );
    expect(terminated).toHaveLength(1);

    // Events sent before postgres.js has reconnected are lost; keep sending until one arrives.
    await expect
      .poll(
        async () => {
          await publishEvent(db, messageCreated());
          return received.length;
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBeGreaterThan(0);
    const lastProbe = messageCreated();
    await publishEvent(db, lastProbe);
    await expect.poll(() => received.at(-1)).toEqual(lastProbe);

    // postgres.js re-listened with a copy of the callback; a new subscriber must not get each event twice.
    unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());
    await waitUntilListening();
    const afterReconnect = await collectEvents();
    const events = [messageCreated(), messageCreated()];
    for (const event of events) await publishEvent(db, event);
    await expect.poll(() => afterReconnect).toEqual(events);
  });
});
