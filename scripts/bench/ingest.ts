import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import type { SignedRequest } from "@/lib/webhooks/signed-requests";
import { percentile } from "./stats";
import { positiveInt as positiveIntOf, targetOptions, targetUsage, webhookBuilder, type Provider } from "./target";

const usage = `Usage: npm run bench:ingest -- [--url URL] [--requests N] [--concurrency C] [options]

Fires N correctly signed inbound webhooks (Messenger and WhatsApp, half from new contacts and
half from existing ones) at a running Switchboard with at most C in flight, then prints
requests/s, p50/p95/p99 latency and the number of non-200 answers. Exits 1 if any failed.
  --requests     how many webhooks to time (default 500)
  --concurrency  requests in flight at once (default 16)
  --contacts     existing contacts per provider, greeted once before timing (default 20)
${targetUsage}`;

const { values } = parseArgs({
  options: {
    ...targetOptions,
    requests: { type: "string", default: "500" },
    concurrency: { type: "string", default: "16" },
    contacts: { type: "string", default: "20" },
  },
});

const positiveInt = (name: string, raw: string) => positiveIntOf(name, raw, usage);

if (values.help) {
  console.log(usage);
  process.exit(0);
}

const { baseUrl, webhook } = webhookBuilder(values, "4209");
const total = positiveInt("requests", values.requests);
const concurrency = positiveInt("concurrency", values.concurrency);
const poolSize = positiveInt("contacts", values.contacts);
const run = randomBytes(4).toString("hex");

const existing = (k: number) => `Bench regular ${k % poolSize}`;

/** Alternating providers; within each, every other request comes from a brand-new contact. */
function timedWebhook(i: number): SignedRequest {
  const provider: Provider = i % 2 === 0 ? "messenger" : "whatsapp";
  const isNew = Math.floor(i / 2) % 2 === 0;
  const contact = isNew ? `Bench newcomer ${run}-${i}` : existing(Math.floor(i / 4));
  return webhook(provider, contact, `Benchmark message ${i} of run ${run}`);
}

type Outcome = { status: number | "error"; ms: number; detail?: string };

async function fire(request: SignedRequest): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await fetch(request.url, { method: "POST", headers: request.headers, body: request.body });
    const detail = response.status === 200 ? undefined : (await response.text()).slice(0, 200);
    if (detail === undefined) await response.body?.cancel();
    return { status: response.status, ms: performance.now() - started, detail };
  } catch (error) {
    return { status: "error", ms: performance.now() - started, detail: (error as Error).message };
  }
}

/** Sends every request with at most `limit` in flight, in order of the list. */
async function fireAll(requests: SignedRequest[], limit: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(requests.length);
  let next = 0;
  const lane = async () => {
    while (next < requests.length) {
      const index = next++;
      outcomes[index] = await fire(requests[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, requests.length) }, lane));
  return outcomes;
}


async function main() {
  try {
    const health = await fetch(`${baseUrl}/api/health`);
    if (!health.ok) throw new Error(`GET /api/health answered ${health.status}`);
  } catch (error) {
    console.error(`Could not reach ${baseUrl}: ${(error as Error).message}. Start the app first (npm run build && npm start).`);
    process.exit(1);
  }

  // The regulars' conversations must exist before timing, so the mix really is half new, half existing.
  const warmUp = await fireAll(
    Array.from({ length: poolSize }, (_, k) => [webhook("messenger", existing(k), "Hello again"), webhook("whatsapp", existing(k), "Hello again")]).flat(),
    concurrency,
  );
  const warmUpFailures = warmUp.filter((o) => o.status !== 200);
  if (warmUpFailures.length > 0) {
    console.error(`Warm-up: ${warmUpFailures.length} of ${warmUp.length} requests failed, e.g. ${JSON.stringify(warmUpFailures[0])}.`);
    console.error("Do the app ids and secrets match the running app (npm run db:seed, or the --messenger-*/--whatsapp-* options)?");
    process.exit(1);
  }

  const requests = Array.from({ length: total }, (_, i) => timedWebhook(i));
  const started = performance.now();
  const outcomes = await fireAll(requests, concurrency);
  const seconds = (performance.now() - started) / 1000;

  const latencies = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const failures = outcomes.filter((o) => o.status !== 200);
  const byStatus = Object.entries(
    failures.reduce<Record<string, number>>((counts, o) => ({ ...counts, [o.status]: (counts[String(o.status)] ?? 0) + 1 }), {}),
  );
  const figures = {
    url: baseUrl,
    requests: total,
    concurrency,
    seconds: Number(seconds.toFixed(2)),
    requestsPerSecond: Number((total / seconds).toFixed(1)),
    p50Ms: Number(percentile(latencies, 50).toFixed(1)),
    p95Ms: Number(percentile(latencies, 95).toFixed(1)),
    p99Ms: Number(percentile(latencies, 99).toFixed(1)),
    maxMs: Number(latencies[latencies.length - 1]!.toFixed(1)),
    non200: failures.length,
  };

  if (values.json) {
    console.log(JSON.stringify({ ...figures, failuresByStatus: Object.fromEntries(byStatus) }));
  } else {
    console.log(`ingest: ${total} signed webhooks (Messenger + WhatsApp, half new contacts) → ${baseUrl}, concurrency ${concurrency}`);
    console.log(`  ${figures.requestsPerSecond} requests/s over ${figures.seconds} s`);
    console.log(`  latency p50 ${figures.p50Ms} ms · p95 ${figures.p95Ms} ms · p99 ${figures.p99Ms} ms · max ${figures.maxMs} ms`);
    console.log(`  non-200 answers: ${failures.length}${byStatus.length ? ` (${byStatus.map(([s, n]) => `${s}: ${n}`).join(", ")})` : ""}`);
    if (failures[0]) console.log(`  first failure: ${failures[0].status} ${failures[0].detail ?? ""}`);
  }
  process.exit(failures.length > 0 ? 1 : 0);
}

await main();
