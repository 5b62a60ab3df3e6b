import { eq } from "drizzle-orm";
import { beforeAll, afterEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { sessions } from "@/db/schema";
import { createSession, revokeSession, revokeUserSessions } from "@/lib/auth/sessions";
import { createUser } from "@/tests/factories";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

// Auth.js's cookie decoding needs a browser; the decoded JWT is swapped in here, and
// everything behind it (the session row, the user, the live stream) is real.
const jwt = vi.hoisted(() => ({ current: null as { user: { id: string }; sessionId?: string } | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => jwt.current }));

const { getActor } = await import("@/lib/auth/actor");
const { GET: events } = await import("@/app/api/events/route");

afterEach(() => {
  jwt.current = null;
});

async function signIn(userId: string) {
  const sessionId = await createSession(db, userId, "vitest");
  return { user: { id: userId }, sessionId };
}

describe("server-side sessions", () => {
  it("let a request through while the session row lives, and record the sign-in", async () => {
    const user = await createUser({ name: "Ada" });
    jwt.current = await signIn(user.id);

    expect(await getActor(db)).toMatchObject({ userId: user.id, name: "Ada" });
    const [row] = await db.select().from(sessions).where(eq(sessions.id, jwt.current.sessionId!));
    expect(row).toMatchObject({ userId: user.id, userAgent: "vitest" });
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
  });

  it("refuse a JWT without a session id (a cookie from before revocable sessions)", async () => {
    const user = await createUser();
    jwt.current = { user: { id: user.id } };
    expect(await getActor(db)).toBeNull();
  });

  it("refuse a session id that belongs to another user", async () => {
    const [ada, bob] = [await createUser(), await createUser()];
    const adaSession = await signIn(ada.id);
    jwt.current = { user: { id: bob.id }, sessionId: adaSession.sessionId };
    expect(await getActor(db)).toBeNull();
  });

  it("end a signed-out session for every copy of its cookie, and only that one", async () => {
    const user = await createUser();
    const [phone, laptop] = [await signIn(user.id), await signIn(user.id)];

    await revokeSession(db, phone.sessionId);

    jwt.current = phone;
    expect(await getActor(db)).toBeNull();
    jwt.current = laptop;
    expect(await getActor(db)).toMatchObject({ userId: user.id });
  });

  it("end every session of a user at once, or every one but the one kept", async () => {
    const user = await createUser();
    const [a, b, c] = [await signIn(user.id), await signIn(user.id), await signIn(user.id)];

    await db.transaction((tx) => revokeUserSessions(tx, user.id, c.sessionId));
    for (const [session, live] of [[a, false], [b, false], [c, true]] as const) {
      jwt.current = session;
      expect(Boolean(await getActor(db))).toBe(live);
    }
    await db.transaction((tx) => revokeUserSessions(tx, user.id));
    expect(await getActor(db)).toBeNull();
  });

  it("refuse an expired session", async () => {
    const user = await createUser();
    const old = await createSession(db, user.id, null, new Date(Date.now() - 31 * 24 * 3600 * 1000));
    jwt.current = { user: { id: user.id }, sessionId: old };
    expect(await getActor(db)).toBeNull();
  });
});

async function readUntilClosed(response: Response, timeoutMs: number): Promise<{ text: string; closed: boolean }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const next = await Promise.race([
      reader.read(),
      new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), deadline - Date.now())),
    ]);
    if (next === "timeout") break;
    if (next.done) return { text, closed: true };
    text += decoder.decode(next.value);
  }
  await reader.cancel();
  return { text, closed: false };
}

describe("the live stream of a revoked session", () => {
  it("answers 401 once the session is gone", async () => {
    const user = await createUser();
    jwt.current = await signIn(user.id);
    await revokeSession(db, jwt.current.sessionId!);

    expect((await events(new Request("http://localhost/api/events"), undefined)).status).toBe(401);
  });

  it("closes within seconds of the revocation, saying why", async () => {
    const user = await createUser();
    const session = await signIn(user.id);
    jwt.current = session;
    const controller = new AbortController();
    const response = await events(new Request("http://localhost/api/events", { signal: controller.signal }), undefined);
    expect(response.status).toBe(200);
    // Let the stream's LISTEN start before the revocation is announced.
    await new Promise((resolve) => setTimeout(resolve, 300));

    await revokeSession(db, session.sessionId!);

    const { text, closed } = await readUntilClosed(response, 5_000);
    expect(closed).toBe(true);
    expect(text).toContain("event: ready");
    expect(text).toContain("event: session.revoked");
    controller.abort();
  });

  it("stays open when another session of the same user is revoked", async () => {
    const user = await createUser();
    const [kept, other] = [await signIn(user.id), await signIn(user.id)];
    jwt.current = kept;
    const controller = new AbortController();
    const response = await events(new Request("http://localhost/api/events", { signal: controller.signal }), undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));

    await revokeSession(db, other.sessionId!);

    const { text, closed } = await readUntilClosed(response, 1_500);
    expect(closed).toBe(false);
    expect(text).not.toContain("session.revoked");
    controller.abort();
  });
});
