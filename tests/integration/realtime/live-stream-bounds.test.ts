import { afterEach, describe, expect, it, vi } from "vitest";
import type { User } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { getDb } from "@/db/index";
import { publishEvent, subscribeToEvents, waitUntilListening } from "@/lib/realtime/bus";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { createLiveStream, MAX_LIVE_STREAMS_PER_USER, openLiveStreamCount } from "@/lib/realtime/live-stream";
import { actorOf, createUser } from "@/tests/factories";

// The signed-in actor is swapped in; the route, the bus and the database are real.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
// No stream here outlives the session re-check's interval, so the session id is never looked up.
vi.mock("@/lib/auth/actor", () => ({
  getActor: async () => session.actor,
  getSignedIn: async () => (session.actor ? { actor: session.actor, sessionId: "live-stream-bounds" } : null),
}));
const { GET } = await import("@/app/api/events/route");

const aborts: AbortController[] = [];
afterEach(async () => {
  aborts.splice(0).forEach((abort) => abort.abort());
  session.actor = null;
  await waitUntilListening();
});

/** Opens /api/events as `user`, like one browser tab. */
async function openTab(user: User) {
  session.actor = actorOf(user);
  const abort = new AbortController();
  aborts.push(abort);
  const response = await GET(new Request("http://localhost:3000/api/events", { signal: abort.signal }), undefined);
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let done = false;
  return {
    abort,
    /** Everything the tab has been sent so far (reads what is queued, waits a moment for more). */
    async read(waitMs = 50): Promise<string> {
      while (!done) {
        const next = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs))]);
        if (!next) break;
        if (next.done) done = true;
        else text += decoder.decode(next.value);
      }
      return text;
    },
    isDone: () => done,
  };
}

const toast = (user: User, body: string): RealtimeEvent => ({
  type: "notification.toast",
  workspaceId: user.workspaceId,
  appId: null,
  userId: user.id,
  conversationId: null,
  title: "Test",
  body,
});

describe("at most 10 live streams a user", () => {
  it("the 11th tab closes the oldest, which is told it was replaced; other users are not touched", async () => {
    const user = await createUser();
    const neighbour = await createUser();
    const theirs = await openTab(neighbour);
    const tabs = [];
    for (let i = 0; i < MAX_LIVE_STREAMS_PER_USER; i += 1) tabs.push(await openTab(user));
    expect(openLiveStreamCount(user.id)).toBe(MAX_LIVE_STREAMS_PER_USER);

    const eleventh = await openTab(user);

    expect(await tabs[0]!.read()).toContain('event: replaced\ndata: {"reason":"too_many_streams"}');
    expect(tabs[0]!.isDone()).toBe(true);
    expect(openLiveStreamCount(user.id)).toBe(MAX_LIVE_STREAMS_PER_USER);
    expect(await eleventh.read()).toContain("event: ready");
    expect(await tabs[1]!.read()).not.toContain("replaced");
    expect(openLiveStreamCount(neighbour.id)).toBe(1);
    expect(await theirs.read()).not.toContain("replaced");
  });

  it("a closed tab frees its place", async () => {
    const user = await createUser();
    const tab = await openTab(user);
    expect(openLiveStreamCount(user.id)).toBe(1);

    tab.abort.abort();

    expect(openLiveStreamCount(user.id)).toBe(0);
  });

  it("the tab still gets the user's events", async () => {
    const user = await createUser();
    const tab = await openTab(user);
    await waitUntilListening();

    await publishEvent(await getDb(), toast(user, "hello there"));

    // What is asserted is delivery, not latency: NOTIFY → listener → stream can take over a
    // second on a loaded machine (CI runs the suite beside the PGlite one and the e2e build).
    await expect.poll(() => tab.read(), { timeout: 5000 }).toContain("hello there");
  });
});

describe("a live stream that cannot keep up", () => {
  it("stops queueing past its bound and, once read, is told to resync instead of getting what it missed", async () => {
    const user = await createUser();
    const abort = new AbortController();
    aborts.push(abort);
    const stream = createLiveStream({
      userId: user.id,
      signal: abort.signal,
      subscribe: subscribeToEvents,
      accept: async () => true,
      maxQueuedBytes: 4 * 1024,
    });
    await waitUntilListening();
    const db = await getDb();
    const body = "x".repeat(250);

    // Nobody reads while 200 events (~80 KB) arrive.
    for (let i = 0; i < 200; i += 1) await publishEvent(db, toast(user, `${i} ${body}`));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes("event: resync")) {
      const next = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), 2000))]);
      if (!next || next.done) break;
      text += decoder.decode(next.value);
    }

    expect(text).toContain("event: resync");
    const delivered = text.split("event: notification.toast").length - 1;
    // What was queued stayed within the bound (16 KB high-water mark + 4 KB), far from all 200.
    expect(delivered).toBeGreaterThan(0);
    expect(delivered).toBeLessThan(200);
    expect(text.length).toBeLessThan(24 * 1024);
    // After the resync the stream carries new events again.
    await publishEvent(db, toast(user, "after the resync"));
    let after = "";
    while (!after.includes("after the resync")) {
      const next = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), 2000))]);
      if (!next || next.done) break;
      after += decoder.decode(next.value);
    }
    expect(after).toContain("after the resync");
  });

  it("a slow audience check does not pile up events without end either", async () => {
    const user = await createUser();
    const abort = new AbortController();
    aborts.push(abort);
    const listeners: Array<(event: RealtimeEvent) => void> = [];
    let checks = 0;
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const stream = createLiveStream({
      userId: user.id,
      signal: abort.signal,
      subscribe: (listener) => {
        listeners.push(listener);
        return () => {};
      },
      accept: async () => {
        checks += 1;
        await gate;
        return true;
      },
      maxPendingEvents: 5,
    });

    for (let i = 0; i < 1000; i += 1) listeners[0]!(toast(user, `event ${i}`));
    release();
    const reader = stream.getReader();
    let text = "";
    while (!text.includes("event: resync")) {
      const next = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), 2000))]);
      if (!next || next.done) break;
      text += new TextDecoder().decode(next.value);
    }

    expect(checks).toBeLessThanOrEqual(5);
    expect(text.split("event: notification.toast").length - 1).toBe(5);
    expect(text).toContain("event: resync");
  });
});
