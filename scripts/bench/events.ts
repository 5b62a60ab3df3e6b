import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { DEMO } from "@/lib/demo/seed";
import { readEvents, signIn, type StreamEvent } from "./session";
import { percentile } from "./stats";
import { positiveInt as positiveIntOf, targetOptions, targetUsage, webhookBuilder, type Provider } from "./target";

const usage = `Usage: npm run bench:events -- [--url URL] [--requests N] [--concurrency C] [options]

Signs in as a user, opens the live stream (GET /api/events) and sends N correctly signed inbound
webhooks (Messenger and WhatsApp, new and existing contacts) with at most C in flight. For each
one it measures the time from sending the webhook to receiving its message.created event, then
prints p50/p95/p99/max and the number of events that never came. Exits 1 if any was missed.
  --requests      how many webhooks to time (default 300)
  --concurrency   webhooks awaiting their event at once (default 4)
  --per-contact   messages per contact: the first from a new contact, the rest to its conversation (default 3)
  --timeout       ms to wait for an event before counting it missed (default 10000)
  --email, --password   who listens (default: the demo's alice@demo.test / demo-password)
${targetUsage}`;

const { values } = parseArgs({
  options: {
    ...targetOptions,
    requests: { type: "string", default: "300" },
    concurrency: { type: "string", default: "4" },
    "per-contact": { type: "string", default: "3" },
    timeout: { type: "string", default: "10000" },
    email: { type: "string", default: "alice@demo.test" },
    password: { type: "string", default: DEMO.password },
  },
});

if (values.help) {
  console.log(usage);
  process.exit(0);
}

const positiveInt = (name: string, raw: string) => positiveIntOf(name, raw, usage);

const { baseUrl, webhook } = webhookBuilder(values, "4208");
const total = positiveInt("requests", values.requests);
const concurrency = positiveInt("concurrency", values.concurrency);
const perContact = positiveInt("per-contact", values["per-contact"]);
const timeoutMs = positiveInt("timeout", values.timeout);
const run = randomBytes(4).toString("hex");

type LiveEvent = StreamEvent;

type Waiter = { resolve: (event: LiveEvent) => void };

/**
 * Matches message.created events to the webhooks that caused them. A contact has at most one
 * message in flight, so an event on a known conversation is that contact's; a new contact's
 * conversation id is unknown until its first event, so at most one new contact is in flight
 * at a time and the one event on an unknown conversation is its.
 */
class Correlator {
  private readonly byConversation = new Map<string, Waiter>();
  private newContact: Waiter | null = null;
  private readonly seenMessages = new Set<string>();
  private readonly knownConversations = new Set<string>();
  stray = 0;

  onEvent(event: LiveEvent) {
    if (event.type !== "message.created" || !event.conversationId || !event.messageId) return;
    if (this.seenMessages.has(event.messageId)) return;
    this.seenMessages.add(event.messageId);
    // A late event of a conversation already known can't be a new contact's.
    const isKnown = this.knownConversations.has(event.conversationId);
    this.knownConversations.add(event.conversationId);
    const waiter = isKnown ? this.byConversation.get(event.conversationId) : this.newContact;
    if (!waiter) {
      this.stray++;
      return;
    }
    if (isKnown) this.byConversation.delete(event.conversationId);
    else this.newContact = null;
    waiter.resolve(event);
  }

  /** Resolves with the event for the message about to be sent, or null after the timeout. */
  expect(conversationId: string | null): Promise<LiveEvent | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (conversationId) this.byConversation.delete(conversationId);
        else if (this.newContact === waiter) this.newContact = null;
        resolve(null);
      }, timeoutMs);
      const waiter: Waiter = {
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
      };
      if (conversationId) this.byConversation.set(conversationId, waiter);
      else this.newContact = waiter;
    });
  }
}

/** One new contact at a time may wait for its event (see Correlator). */
class Mutex {
  private tail = Promise.resolve();
  async lock(): Promise<() => void> {
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise((resolve) => (release = resolve));
    await previous;
    return release;
  }
}

type Outcome = { eventMs: number | null; httpMs: number; status: number | "error"; isNew: boolean; detail?: string };

const round = (ms: number) => Number(ms.toFixed(1));

async function main() {
  try {
    const health = await fetch(`${baseUrl}/api/health`);
    if (!health.ok) throw new Error(`GET /api/health answered ${health.status}`);
  } catch (error) {
    console.error(`Could not reach ${baseUrl}: ${(error as Error).message}. Start the app first (npm run build && npm start).`);
    process.exit(1);
  }

  const jar = await signIn(baseUrl, values.email, values.password);

  const correlator = new Correlator();
  const stream = new AbortController();
  const events = await fetch(`${baseUrl}/api/events`, {
    headers: { cookie: jar.header(), accept: "text/event-stream" },
    signal: stream.signal,
  });
  if (!events.ok || !events.body) throw new Error(`GET /api/events answered ${events.status}`);
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const reading = readEvents(events, (event) => {
    if (event.type === "ready") resolveReady();
    else correlator.onEvent(event);
  }).catch((error: unknown) => {
    if (!stream.signal.aborted) throw error;
  });
  await ready;

  const newContacts = new Mutex();
  const outcomes: Outcome[] = [];
  let next = 0;
  let contactCount = 0;

  const lane = async () => {
    let contact: { name: string; provider: Provider; conversationId: string | null; sent: number } | null = null;
    while (next < total) {
      const index = next++;
      if (!contact || contact.sent >= perContact) {
        const n = contactCount++;
        contact = { name: `Bench live ${run}-${n}`, provider: n % 2 === 0 ? "whatsapp" : "messenger", conversationId: null, sent: 0 };
      }
      const isNew = contact.conversationId === null;
      const release = isNew ? await newContacts.lock() : () => {};
      const request = webhook(contact.provider, contact.name, `Live benchmark ${index} of run ${run}`);
      const started = performance.now();
      const arrived = correlator.expect(contact.conversationId);
      let outcome: Outcome;
      try {
        const response = await fetch(request.url, { method: "POST", headers: request.headers, body: request.body });
        const httpMs = performance.now() - started;
        const detail = response.ok ? undefined : (await response.text()).slice(0, 200);
        if (response.ok) await response.body?.cancel();
        const event = response.ok ? await arrived : null;
        outcome = { eventMs: event ? performance.now() - started : null, httpMs, status: response.status, isNew, detail };
        if (event) contact.conversationId = event.conversationId!;
      } catch (error) {
        outcome = { eventMs: null, httpMs: performance.now() - started, status: "error", isNew, detail: (error as Error).message };
      } finally {
        release();
      }
      outcomes.push(outcome);
      contact.sent++;
      // A new contact whose event never came has no known conversation: start over with another.
      if (outcome.eventMs === null && contact.conversationId === null) contact = null;
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, lane));
  const seconds = (performance.now() - started) / 1000;
  stream.abort();
  await reading;

  const received = outcomes.filter((o) => o.eventMs !== null);
  const latencies = received.map((o) => o.eventMs!).sort((a, b) => a - b);
  const httpLatencies = outcomes.map((o) => o.httpMs).sort((a, b) => a - b);
  const failed = outcomes.filter((o) => o.status !== 200);
  const missed = outcomes.length - received.length;
  const figures = {
    url: baseUrl,
    requests: total,
    concurrency,
    newContacts: outcomes.filter((o) => o.isNew).length,
    seconds: round(seconds),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies.at(-1) ?? Number.NaN),
    webhookP50Ms: round(percentile(httpLatencies, 50)),
    webhookP99Ms: round(percentile(httpLatencies, 99)),
    missed,
    non200: failed.length,
    strayEvents: correlator.stray,
  };

  if (values.json) {
    console.log(JSON.stringify(figures));
  } else {
    console.log(
      `events: ${total} signed webhooks (Messenger + WhatsApp, ${figures.newContacts} from new contacts) → ${baseUrl}, concurrency ${concurrency}, ${figures.seconds} s`,
    );
    console.log(
      `  webhook → message.created on /api/events: p50 ${figures.p50Ms} ms · p95 ${figures.p95Ms} ms · p99 ${figures.p99Ms} ms · max ${figures.maxMs} ms`,
    );
    console.log(`  webhook answered: p50 ${figures.webhookP50Ms} ms · p99 ${figures.webhookP99Ms} ms`);
    console.log(
      `  missed events: ${missed} (no event within ${timeoutMs} ms)${failed.length ? ` · non-200 answers: ${failed.length}` : ""}`,
    );
    if (failed[0]) console.log(`  first failure: ${failed[0].status} ${failed[0].detail ?? ""}`);
    if (correlator.stray > 0) console.log(`  unmatched message.created events (other traffic?): ${correlator.stray}`);
  }
  process.exit(missed > 0 || failed.length > 0 ? 1 : 0);
}

await main();
