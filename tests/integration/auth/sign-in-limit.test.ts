import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { signInFailures } from "@/db/schema";
import { checkCredentials, type CredentialsCheck } from "@/lib/auth/credentials";
import {
  beginSignInAttempt,
  MAX_CLIENT_FAILURES_PER_WINDOW,
  MAX_DELAY_MS,
  MAX_FAILURES_PER_WINDOW,
  SIGN_IN_WINDOW_MS,
} from "@/lib/auth/sign-in-limit";
import { clientAddress, SOCKET_ADDRESS_HEADER } from "@/lib/http/client-address";
import { stampSocketAddresses } from "@/lib/server/socket-address";
import { createUser, DEFAULT_PASSWORD } from "@/tests/factories";
import { nextSequence } from "@/tests/factories/sequence";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

/** A fresh documentation-range address per call, so tests never share a client. */
const newClient = () => {
  const n = nextSequence();
  return `198.51.${(n >> 8) % 256}.${n % 256}`;
};
const wrong = (email: string) => ({ email, password: "not-the-password" });
const right = (email: string) => ({ email, password: DEFAULT_PASSWORD });
const invalid: CredentialsCheck = { ok: false, reason: "invalid_credentials" };
const limited: CredentialsCheck = { ok: false, reason: "rate_limited" };

/** Records the delays an attempt would sit out instead of sleeping through them. */
function recordingWait() {
  const delays: number[] = [];
  return { delays, wait: async (ms: number) => void delays.push(ms) };
}

describe("the sign-in limit: (email, client) pairs lock, an email only slows down", () => {
  it(`locks the pair after ${MAX_FAILURES_PER_WINDOW} failures, even for the right password from that client`, async () => {
    const user = await createUser();
    const from = newClient();
    for (let i = 0; i < MAX_FAILURES_PER_WINDOW; i += 1) {
      expect(await checkCredentials(db, wrong(user.email), from, recordingWait())).toEqual(invalid);
    }

    expect(await checkCredentials(db, right(user.email), from, recordingWait())).toEqual(limited);
  });

  it("a stranger who locked their own pair cannot lock the user out: the user signs in from their own client", async () => {
    const user = await createUser();
    const stranger = newClient();
    for (let i = 0; i < MAX_FAILURES_PER_WINDOW + 5; i += 1) await checkCredentials(db, wrong(user.email), stranger, recordingWait());
    expect(await checkCredentials(db, right(user.email), stranger, recordingWait())).toEqual(limited);

    const { delays, wait } = recordingWait();
    expect(await checkCredentials(db, right(user.email), newClient(), { wait })).toMatchObject({ ok: true });
    // The stranger's failures stop counting at the lock: the user waits, bounded.
    expect(delays.length).toBeLessThanOrEqual(1);
    expect(delays[0] ?? 0).toBeLessThanOrEqual(MAX_DELAY_MS);
  });

  it("failures from many clients make the email's attempts wait longer and longer, capped, never refused", async () => {
    const user = await createUser();
    const { delays, wait } = recordingWait();

    for (let i = 0; i < 14; i += 1) expect(await checkCredentials(db, wrong(user.email), newClient(), { wait })).toEqual(invalid);
    const owner = recordingWait();
    const signedIn = await checkCredentials(db, right(user.email), newClient(), owner);

    // Five free failures, then 250 ms doubling, at most 8 s.
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 8000, 8000, 8000, 8000]);
    expect(signedIn).toMatchObject({ ok: true });
    expect(owner.delays).toEqual([MAX_DELAY_MS]);
  });

  it("forgets a pair's failures once the window has passed", async () => {
    const user = await createUser();
    const from = newClient();
    const longAgo = new Date(Date.now() - SIGN_IN_WINDOW_MS - 60_000);
    for (let i = 0; i < MAX_FAILURES_PER_WINDOW + 1; i += 1) await beginSignInAttempt(db, user.email, from, longAgo);

    expect(await checkCredentials(db, right(user.email), from, recordingWait())).toMatchObject({ ok: true });
  });

  it("a successful sign-in forgives the pair's failures", async () => {
    const user = await createUser();
    const from = newClient();
    for (let i = 0; i < MAX_FAILURES_PER_WINDOW - 1; i += 1) await checkCredentials(db, wrong(user.email), from, recordingWait());
    expect(await checkCredentials(db, right(user.email), from, recordingWait())).toMatchObject({ ok: true });

    for (let i = 0; i < MAX_FAILURES_PER_WINDOW; i += 1) {
      expect(await checkCredentials(db, wrong(user.email), from, recordingWait())).toEqual(invalid);
    }
    expect(await checkCredentials(db, wrong(user.email), from, recordingWait())).toEqual(limited);
  });

  it(`refuses a client that failed ${MAX_CLIENT_FAILURES_PER_WINDOW} times across emails, for any email, and no one else`, async () => {
    const user = await createUser();
    const stuffer = newClient();
    for (let i = 0; i < MAX_CLIENT_FAILURES_PER_WINDOW; i += 1) await beginSignInAttempt(db, `guess-${i}-${stuffer}@example.test`, stuffer);

    expect(await checkCredentials(db, right(user.email), stuffer, recordingWait())).toEqual(limited);
    expect(await checkCredentials(db, right(user.email), newClient(), recordingWait())).toMatchObject({ ok: true });
  });

  it("checks and counts in one step: 30 parallel attempts from one client get exactly 10 tries", async () => {
    const user = await createUser();
    const from = newClient();

    const attempts = await Promise.all(Array.from({ length: 30 }, () => beginSignInAttempt(db, user.email, from)));

    expect(attempts.filter((attempt) => attempt.allowed)).toHaveLength(MAX_FAILURES_PER_WINDOW);
    const [pair] = await db.select().from(signInFailures).where(like(signInFailures.key, `pair ${user.email} ${from}`));
    expect(pair!.failures).toBe(MAX_FAILURES_PER_WINDOW + 1);
  });

  it("keeps the counters in the database, where every app instance reads them", async () => {
    const user = await createUser();
    const from = newClient();
    for (let i = 0; i < 3; i += 1) await checkCredentials(db, wrong(user.email), from, recordingWait());

    const rows = await db.select().from(signInFailures).where(eq(signInFailures.email, user.email));
    expect(rows.map((row) => [row.key, row.failures])).toEqual([[`pair ${user.email} ${from}`, 3]]);
  });
});

/**
 * Through a real HTTP server stamped the way instrumentation.ts stamps Next's: the client's
 * X-Forwarded-For and a forged socket header must not decide who it is.
 */
describe("the client address behind spoofed X-Forwarded-For", () => {
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    stampSocketAddresses();
    server = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", async () => {
        const headers = new Headers(Object.entries(request.headers).map(([name, value]): [string, string] => [name, String(value)]));
        const client = clientAddress(headers);
        const result = await checkCredentials(db, JSON.parse(body), client, recordingWait());
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ client, result }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const signIn = async (credentials: object, headers: Record<string, string>) => {
    const response = await fetch(url, { method: "POST", body: JSON.stringify(credentials), headers });
    return (await response.json()) as { client: string | null; result: CredentialsCheck };
  };

  it("without TRUSTED_PROXIES, a stranger rotating X-Forwarded-For (and forging the socket header) is still one client, and gets locked", async () => {
    vi.stubEnv("TRUSTED_PROXIES", "");
    const user = await createUser();
    const answers = [];
    for (let i = 0; i < MAX_FAILURES_PER_WINDOW + 2; i += 1) {
      answers.push(await signIn(wrong(user.email), { "x-forwarded-for": newClient(), [SOCKET_ADDRESS_HEADER]: newClient() }));
    }

    expect(new Set(answers.map((answer) => answer.client))).toEqual(new Set(["127.0.0.1"]));
    expect(answers.slice(0, MAX_FAILURES_PER_WINDOW).map((answer) => answer.result)).toEqual(Array(MAX_FAILURES_PER_WINDOW).fill(invalid));
    expect(answers.slice(MAX_FAILURES_PER_WINDOW).map((answer) => answer.result)).toEqual([limited, limited]);
  });

  it("with one trusted proxy, the address the proxy appended counts and what the client wrote before it does not", async () => {
    vi.stubEnv("TRUSTED_PROXIES", "1");
    const user = await createUser();
    const real = newClient();
    const answers = [];
    for (let i = 0; i < MAX_FAILURES_PER_WINDOW + 1; i += 1) {
      // The client sends its own X-Forwarded-For; the proxy appends the address it saw.
      answers.push(await signIn(wrong(user.email), { "x-forwarded-for": `${newClient()}, ${real}` }));
    }

    expect(new Set(answers.map((answer) => answer.client))).toEqual(new Set([real]));
    expect(answers.at(-1)!.result).toEqual(limited);
    // Another real client behind the same proxy is not locked out.
    expect((await signIn(right(user.email), { "x-forwarded-for": newClient() })).result).toMatchObject({ ok: true });
  });

  it("with trusted CIDRs, hops inside them are skipped and the first outside one is the client", async () => {
    vi.stubEnv("TRUSTED_PROXIES", "127.0.0.0/8, 10.0.0.0/8");
    const user = await createUser();
    const real = newClient();

    const answer = await signIn(wrong(user.email), { "x-forwarded-for": `203.0.113.9, ${real}, 10.1.2.3` });

    expect(answer.client).toBe(real);
  });
});
