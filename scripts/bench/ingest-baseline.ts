/**
 * The reference that `npm run bench:ingest` measures the app against (spec §16): a bare
 * `node:http` + postgres.js server doing what a Messenger webhook must do — read the body
 * (capped at 1 MiB), check `X-Hub-Signature-256` in constant time, parse the JSON, and store
 * each message in one transaction (conversation upsert, message insert, one job) — and
 * nothing else. Its own schema in its own database (BASELINE_DATABASE_URL). Deliberately not
 * importing anything from the app, so it stays the floor the framework is compared with.
 *
 * Env: BASELINE_DATABASE_URL, BASELINE_PORT, BASELINE_APP_SECRET, BASELINE_POOL (default 10).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import postgres from "postgres";

const MAX_BODY = 1024 * 1024;
const url = process.env.BASELINE_DATABASE_URL!;
const port = Number(process.env.BASELINE_PORT);
const secret = process.env.BASELINE_APP_SECRET!;
const sql = postgres(url, { max: Number(process.env.BASELINE_POOL ?? 10), onnotice: () => {} });

await sql.unsafe(`
  create table if not exists conversations (
    id uuid primary key default gen_random_uuid(),
    external_contact_id text not null unique,
    last_activity_at timestamptz not null default now(),
    last_message_preview text
  );
  create table if not exists messages (
    id uuid primary key default gen_random_uuid(),
    conversation_id uuid not null references conversations(id),
    provider_message_id text not null unique,
    text text not null,
    occurred_at timestamptz not null
  );
  create table if not exists jobs (
    id uuid primary key default gen_random_uuid(),
    queue text not null,
    payload jsonb not null,
    run_at timestamptz not null default now()
  );
`);

function readBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        request.destroy();
        resolve(null);
      } else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function isSigned(body: Buffer, header: string | undefined): boolean {
  if (!header?.startsWith("sha256=")) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  const given = Buffer.from(header.slice(7), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

type Event = { contactId: string; mid: string; text: string; occurredAt: Date };

function parse(body: Buffer): Event[] | null {
  try {
    const json = JSON.parse(body.toString("utf8")) as { entry?: { messaging?: unknown[] }[] };
    const events: Event[] = [];
    for (const entry of json.entry ?? []) {
      for (const raw of entry.messaging ?? []) {
        const event = raw as { sender?: { id?: string }; timestamp?: number; message?: { mid?: string; text?: string } };
        if (!event.sender?.id || !event.message?.mid) continue;
        events.push({
          contactId: event.sender.id,
          mid: event.message.mid,
          text: event.message.text ?? "",
          occurredAt: new Date(event.timestamp ?? Date.now()),
        });
      }
    }
    return events;
  } catch {
    return null;
  }
}

async function store(events: Event[]): Promise<void> {
  await sql.begin(async (tx) => {
    for (const event of events) {
      const [conversation] = await tx`
        insert into conversations (external_contact_id, last_message_preview)
        values (${event.contactId}, ${event.text.slice(0, 140)})
        on conflict (external_contact_id) do update
          set last_activity_at = now(), last_message_preview = excluded.last_message_preview
        returning id`;
      const [message] = await tx`
        insert into messages (conversation_id, provider_message_id, text, occurred_at)
        values (${conversation!.id}, ${event.mid}, ${event.text}, ${event.occurredAt})
        on conflict (provider_message_id) do nothing
        returning id`;
      if (message) {
        await tx`insert into jobs (queue, payload) values ('notify.message', ${tx.json({ messageId: message.id })})`;
      }
    }
  });
}

const server = createServer(async (request, response) => {
  const reply = (status: number, text: string) => {
    response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
    response.end(text);
  };
  try {
    if (request.method === "GET") return reply(200, "ok");
    const body = await readBody(request);
    if (!body) return reply(413, "Payload too large");
    if (!isSigned(body, request.headers["x-hub-signature-256"] as string | undefined)) return reply(401, "Invalid signature");
    const events = parse(body);
    if (!events) return reply(400, "Malformed body");
    await store(events);
    reply(200, "OK");
  } catch (error) {
    console.error(error);
    reply(500, "Error");
  }
});

server.listen(port, "127.0.0.1", () => console.log(`baseline listening on ${port}`));

const stop = () => {
  server.close();
  void sql.end({ timeout: 2 }).then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
