import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { conversations } from "@/db/schema";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { createApp, createConversation, createUser, createWorkspace, subjectOf } from "@/tests/factories";
import { activitiesOf } from "./world";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

const CONTENDERS = 20;

/** A workspace where everyone is an available, active user with access to the app. */
async function crowd() {
  const workspace = await createWorkspace();
  const installer = await createUser({ workspace, role: "admin", name: "Installer" });
  const users = [];
  for (let i = 0; i < CONTENDERS; i++) users.push(await createUser({ workspace, name: `Agent ${i}` }));
  const app = await createApp({ installer, provider: "messenger", members: users });
  const conversation = await createConversation({ app });
  return { installer, users, conversation };
}

async function currentAssignee(conversationId: string) {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
  return row!.assigneeId;
}

describe("concurrent assignment of one conversation", () => {
  it(`gives ${CONTENDERS} simultaneous assigns to different users one final assignee among those requested, and one activity line per success`, async () => {
    const { users, conversation } = await crowd();

    // Each agent grabs the conversation for the next agent, all at once.
    const results = await Promise.all(
      users.map((actor, i) =>
        assignConversation(db, subjectOf(actor), { conversationId: conversation.id, assigneeId: users[(i + 1) % users.length]!.id }),
      ),
    );

    const succeeded = results.flatMap((result) => (result.ok ? [result.value.assigneeId] : []));
    // Every target differs from every other, so no call can find its change already made.
    expect(results.filter((result) => !result.ok)).toEqual([]);
    expect(succeeded).toHaveLength(CONTENDERS);

    const finalAssignee = await currentAssignee(conversation.id);
    expect(users.map((user) => user.id)).toContain(finalAssignee);

    const lines = await activitiesOf(conversation);
    expect(lines.every((line) => line.kind === "assigned")).toBe(true);
    expect(lines).toHaveLength(succeeded.length);
    expect(lines.map((line) => line.targetUserId).sort()).toEqual([...succeeded].sort());
    // The newest line names the assignee the conversation really has.
    const newest = Math.max(...lines.map((line) => line.occurredAt.getTime()));
    expect(lines.filter((line) => line.occurredAt.getTime() === newest).map((line) => line.targetUserId)).toContain(finalAssignee);
  });

  it(`tells ${CONTENDERS} users assigning it to the same person at once that only one of them changed it`, async () => {
    const { users, installer, conversation } = await crowd();

    const results = await Promise.all(
      users.map((actor) => assignConversation(db, subjectOf(actor), { conversationId: conversation.id, assigneeId: installer.id })),
    );

    expect(results.filter((result) => result.ok)).toEqual([{ ok: true, value: { assigneeId: installer.id } }]);
    expect(results.filter((result) => !result.ok)).toEqual(
      Array.from({ length: CONTENDERS - 1 }, () => ({ ok: false, reason: "already_in_state" })),
    );
    expect(await currentAssignee(conversation.id)).toBe(installer.id);
    const lines = await activitiesOf(conversation);
    expect(lines.map((line) => [line.kind, line.targetUserId])).toEqual([["assigned", installer.id]]);
  });

  it("keeps assign and unassign racing each other consistent with their activity lines", async () => {
    const { users, conversation } = await crowd();

    const results = await Promise.all(
      users.map((actor, i) =>
        assignConversation(db, subjectOf(actor), { conversationId: conversation.id, assigneeId: i % 2 === 0 ? actor.id : null }),
      ),
    );

    const lines = await activitiesOf(conversation);
    const changes = results.filter((result) => result.ok);
    expect(lines).toHaveLength(changes.length);
    expect(lines.filter((line) => line.kind === "unassigned")).toHaveLength(
      changes.filter((result) => result.ok && result.value.assigneeId === null).length,
    );
    // A refused call is an unassign that found the conversation already unassigned, nothing else.
    for (const result of results) if (!result.ok) expect(result.reason).toBe("already_in_state");
    const finalAssignee = await currentAssignee(conversation.id);
    expect([null, ...users.filter((_, i) => i % 2 === 0).map((user) => user.id)]).toContain(finalAssignee);
  });
});
