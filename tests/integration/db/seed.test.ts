import { count, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import * as schema from "@/db/schema";
import { DEMO, isDatabaseEmpty, seedDemoWorkspace } from "@/lib/demo/seed";
import { checkCredentials } from "@/lib/auth/credentials";
import { countViews, listConversations } from "@/lib/inbox/queries";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

const demoUser = (name: keyof typeof DEMO.users) => ({
  userId: DEMO.users[name],
  workspaceId: name === "dave" ? DEMO.otherWorkspaceId : DEMO.workspaceId,
});

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(schema)) {
    if (!is(table, PgTable)) continue;
    const [row] = await db.select({ n: count() }).from(table);
    counts[name] = row!.n;
  }
  return counts;
}

describe("the demo seed", () => {
  let wasEmpty: boolean;
  let afterFirstRun: Record<string, number>;

  beforeAll(async () => {
    wasEmpty = await isDatabaseEmpty(db);
    await seedDemoWorkspace(db);
    afterFirstRun = await rowCounts();
  });

  it("fills an empty database with the demo workspaces", async () => {
    expect(wasEmpty).toBe(true);
    expect(await isDatabaseEmpty(await getDb())).toBe(false);
    expect(afterFirstRun).toMatchObject({ workspaces: 2, users: 4, messagingApps: 3, conversations: 9 });
  });

  it("changes nothing when it runs a second time", async () => {
    await seedDemoWorkspace(await getDb());

    expect(await rowCounts()).toEqual(afterFirstRun);
  });

  it("gives alice and bob two conversations in each of the four views", async () => {
    for (const name of ["alice", "bob"] as const) {
      expect(await countViews(db, demoUser(name))).toEqual({ unassigned: 2, mine: 2, others: 2, snoozed: 0, closed: 2 });
    }
  });

  it("gives carol no conversations and dave only Other Company's", async () => {
    expect(await countViews(db, demoUser("carol"))).toEqual({ unassigned: 0, mine: 0, others: 0, snoozed: 0, closed: 0 });
    const { rows } = await listConversations(db, demoUser("dave"), "unassigned");
    expect(rows.map((row) => row.contactName)).toEqual(["Olga Petrova"]);
    expect(await countViews(db, demoUser("dave"))).toEqual({ unassigned: 1, mine: 0, others: 0, snoozed: 0, closed: 0 });
  });

  it("lets every demo user sign in with the demo password", async () => {
    for (const email of ["alice@demo.test", "bob@demo.test", "carol@demo.test", "dave@other.test"]) {
      expect(await checkCredentials(db, { email, password: DEMO.password }, "seed-test")).toMatchObject({ ok: true });
    }
  });
});
