import { sql } from "drizzle-orm";
import postgres from "postgres";
import type { Database } from "@/db/index";
import { DEMO, seedDemoWorkspace } from "@/lib/demo/seed";

/** The server and the bench seal and read the same app credentials and sessions. */
export const BENCH_SECRETS = { APP_SECRET_KEY: "ab".repeat(32), AUTH_SECRET: "bench-views-auth-secret-0123456789abcdef" };

/** Two apps beside the demo's two: one open to everyone, one Bob (the bench's user) cannot reach. */
export const BENCH_APPS = {
  everyone: "00000000-0000-4000-8900-000000000001",
  hidden: "00000000-0000-4000-8900-000000000002",
};
const APPS = [DEMO.messengerAppId, DEMO.whatsappAppId, BENCH_APPS.everyone, BENCH_APPS.hidden];

/** Creates the database `name` on the server of `adminUrl` unless it exists; returns its URL. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin`select 1 as ok from pg_database where datname = ${name}`;
    if (!row) await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The demo workspace plus `size` conversations of 10 messages each, spread over four apps,
 * the four views and three assignees, written by generate_series in a few statements.
 * Idempotent: a finished build is recorded and skipped; an interrupted one starts over.
 * The secondary indexes of both tables are dropped during the insert and rebuilt after,
 * which sorts once instead of inserting 10M random uuids into b-trees one by one.
 */
export async function buildWorkspace(db: Database, size: number, log: (line: string) => void): Promise<void> {
  await db.execute(sql`create table if not exists bench_views_build (size int primary key, built_at timestamptz not null)`);
  const done = await db.execute<{ size: number }>(sql`select size from bench_views_build where size = ${size}`);
  if (done.length > 0) {
    log(`  ${size} conversations already built`);
    return;
  }
  const started = performance.now();
  await seedDemoWorkspace(db);
  await db.execute(sql`
    insert into messaging_apps (id, workspace_id, provider, name, installer_id, external_account_id, encrypted_credentials, access_mode)
    select id::uuid, ${DEMO.workspaceId}::uuid, provider::provider, name, ${DEMO.users.alice}::uuid, account, 'bench-no-credentials', mode::access_mode
    from (values (${BENCH_APPS.everyone}, 'messenger', 'Bench Page', 'bench-page', 'everyone'),
                 (${BENCH_APPS.hidden}, 'whatsapp', 'Bench WhatsApp (private)', 'whatsapp:+10000000000', 'chosen')) as a(id, provider, name, account, mode)
    on conflict do nothing`);
  await db.execute(sql`delete from conversations where external_contact_id like 'bench-%'`);

  const indexes = await db.execute<{ name: string; def: string }>(sql`
    select i.indexname as name, i.indexdef as def from pg_indexes i
    where i.tablename in ('conversations', 'messages') and i.schemaname = 'public'
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`);
  for (const index of indexes) await db.execute(sql.raw(`drop index if exists "${index.name}"`));

  const apps = sql.raw(`array[${APPS.map((id) => `'${id}'::uuid`).join(",")}]`);
  const users = sql.raw(`array[null, null, null, '${DEMO.users.bob}'::uuid, '${DEMO.users.bob}'::uuid, '${DEMO.users.alice}'::uuid, '${DEMO.users.carol}'::uuid]`);
  const chunk = 100_000;
  for (let from = 1; from <= size; from += chunk) {
    const to = Math.min(size, from + chunk - 1);
    await db.transaction(async (tx) => {
      // Foreign keys are the seed's own, known good; skipping their per-row triggers halves the time.
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`
        insert into conversations (id, workspace_id, app_id, external_contact_id, contact_name, status, assignee_id,
                                   last_activity_at, last_message_at, last_message_preview, created_at)
        select md5('bench-c' || g)::uuid, ${DEMO.workspaceId}::uuid, (${apps})[1 + g % 4], 'bench-' || g, 'Contact ' || g,
               (case when g % 10 < 4 then 'closed' else 'open' end)::conversation_status, (${users})[1 + g % 7],
               date_trunc('milliseconds', now()) - g * interval '7 seconds', date_trunc('milliseconds', now()) - g * interval '7 seconds',
               'Message 10 of contact ' || g, now() - g * interval '7 seconds' - interval '10 minutes'
        from generate_series(${from}::int, ${to}::int) g`);
      await tx.execute(sql`
        insert into messages (id, workspace_id, app_id, conversation_id, direction, provider_message_id, text, sender_user_id, state, occurred_at, created_at)
        select md5('bench-m' || g || '-' || m)::uuid, ${DEMO.workspaceId}::uuid, (${apps})[1 + g % 4], md5('bench-c' || g)::uuid,
               (case when m % 2 = 1 then 'inbound' else 'outbound' end)::message_direction,
               'bench-' || g || '-' || m, 'Message ' || m || ' of contact ' || g,
               case when m % 2 = 0 then ${DEMO.users.alice}::uuid end,
               (case when m % 2 = 1 then 'received' else 'delivered' end)::delivery_state,
               date_trunc('milliseconds', now()) - g * interval '7 seconds' - (10 - m) * interval '1 minute',
               now() - g * interval '7 seconds' - (10 - m) * interval '1 minute'
        from generate_series(${from}::int, ${to}::int) g cross join generate_series(1, 10) m`);
    });
    log(`  ${to} / ${size} conversations written (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  for (const index of indexes) await db.execute(sql.raw(index.def));
  log(`  indexes rebuilt (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  await db.execute(sql`vacuum analyze conversations`);
  await db.execute(sql`vacuum analyze messages`);
  await db.execute(sql`insert into bench_views_build (size, built_at) values (${size}, now())`);
  log(`  built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
