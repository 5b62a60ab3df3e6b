import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { User } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { getDb } from "@/db/index";
import { publishEvent, REPLAY_MARGIN_MS, subscribeToEvents, waitUntilListening } from "@/lib/realtime/bus";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { actorOf, createUser } from "@/tests/factories";

// A page renders, then its tab connects a moment later: what happened in between is replayed
// (or the tab is told to resync), never lost. The route, the bus and the database are real.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", () => ({
  getActor: async () => session.actor,
  getSignedIn: async () => (session.actor ? { actor: session.actor, sessionId: "catch-up" } : null),
}));
const { GET } = await import("@/app/api/events/route");

const cleanups: (() => void)[] = [];
afterEach(async () => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
  session.actor = null;
  await waitUntilListening();
});

// The process's LISTEN is up well before any render here, as on a server with other tabs open.
let stopListening = () => {};
beforeAll(async () => {
  stopListening = subscribeToEvents(() => {});
  await waitUntilListening();
  await new Promise((resolve) => setTimeout(resolve, REPLAY_MARGIN_MS + 100));
});
afterAll(() => stopListening());

async function openTab(user: User, query: string) {
  session.actor = actorOf(user);
  const abort = new AbortController();
  cleanups.push(() => abort.abort());
  const response = await GET(new Request(`http://localhost:3000/api/events${query}`, { signal: abort.signal }), undefined);
  if (!response.ok) return { status: response.status, read: async () => "" };
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  return {
    status: response.status,
    async read(waitMs = 100): Promise<string> {
      for (;;) {
        const next = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs))]);
        if (!next || next.done) return text;
        text += decoder.decode(next.value);
      }
    },
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

/** Waits until this instance has received `body` over the LISTEN. */
async function published(user: User, body: string) {
  let seen = false;
  const stop = subscribeToEvents((event) => {
    if (event.type === "notification.toast" && event.body === body) seen = true;
  });
  await waitUntilListening();
  await publishEvent(await getDb(), toast(user, body));
  await expect.poll(() => seen, { timeout: 5000 }).toBe(true);
  stop();
}

describe("a tab that connects after its page rendered", () => {
  it("is sent, after ready, the events it may see that came in since the render", async () => {
    const user = await createUser();
    const neighbour = await createUser();
    const renderedAt = Date.now();
    await published(user, "arrived before the tab connected");
    await published(neighbour, "for someone else");

    const tab = await openTab(user, `?since=${renderedAt}`);

    const text = await tab.read();
    expect(text.indexOf("event: ready")).toBeGreaterThanOrEqual(0);
    expect(text.indexOf("arrived before the tab connected")).toBeGreaterThan(text.indexOf("event: ready"));
    expect(text).not.toContain("for someone else");
    expect(text).not.toContain("event: resync");
  });

  it("is not sent what came in well before its render", async () => {
    const user = await createUser();
    await published(user, "old news");
    const renderedAt = Date.now() + 10_000;

    const text = await (await openTab(user, `?since=${renderedAt}`)).read();

    expect(text).toContain("event: ready");
    expect(text).not.toContain("old news");
    expect(text).not.toContain("event: resync");
  });

  it("is told to resync when the instance was not listening at the time of the render", async () => {
    const user = await createUser();

    const text = await (await openTab(user, `?since=${Date.now() - 60 * 60_000}`)).read();

    expect(text).toMatch(/event: ready[\s\S]*event: resync/);
  });

  it("without since, gets only what comes next, as before", async () => {
    const user = await createUser();
    const text = await (await openTab(user, "")).read();
    expect(text).toContain("event: ready");
    expect(text).not.toContain("event: resync");
  });

  it.each(["abc", "-5", "1.5", "1e400", ""])("refuses since=%j with 400 before opening a stream", async (since) => {
    const user = await createUser();
    const tab = await openTab(user, `?since=${since}`);
    expect(tab.status).toBe(400);
  });
});
