import { afterEach, describe, expect, it, vi } from "vitest";
import type { User } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { actorOf } from "@/tests/factories";
import { snapshotDatabase } from "@/tests/support/db-snapshot";
import { buildCrmWorld, notesOf } from "./world";

// The signed-in actor is swapped in; authedAction, the schemas and the database are real.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const actions = await import("@/app/(app)/crm/actions");

const signInAs = (user: User | null) => {
  session.actor = user ? actorOf(user) : null;
};

afterEach(() => signInAs(null));

const deal = { title: "Ann's order", value: "1200.00", currency: "EUR", stage: "qualified", personId: "" } as const;

describe("the CRM server actions refuse bad input and change nothing", () => {
  it.each([
    ["a negative value", { value: "-5" }, "value"],
    ["an unknown currency", { currency: "BTC" }, "currency"],
    ["an unknown stage", { stage: "closed_won" }, "stage"],
  ])("a deal with %s", async (_, change, field) => {
    const { alice } = await buildCrmWorld();
    signInAs(alice);
    const before = await snapshotDatabase();

    const result = await actions.saveDealAction({ ...deal, ...change } as unknown as Parameters<typeof actions.saveDealAction>[0]);

    expect(result).toMatchObject({ ok: false, reason: "invalid_input" });
    expect(Object.keys(result.ok ? {} : (result.fieldErrors ?? {}))).toContain(field);
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("creating and linking a deal with a negative value", async () => {
    const { alice, conversation } = await buildCrmWorld();
    signInAs(alice);
    const before = await snapshotDatabase();

    const result = await actions.createAndLinkRecordAction({
      conversationId: conversation.id,
      type: "deal",
      input: { ...deal, value: "-1" },
    } as unknown as Parameters<typeof actions.createAndLinkRecordAction>[0]);

    expect(result).toMatchObject({ ok: false, reason: "invalid_input" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("a note over 10,000 characters, added or edited", async () => {
    const { alice, personId } = await buildCrmWorld();
    signInAs(alice);
    const added = await actions.addNoteAction({ type: "person", recordId: personId, body: "Short and fine" });
    expect(added).toMatchObject({ ok: true });
    const noteId = added.ok ? added.value.id : "";
    const before = await snapshotDatabase();

    expect(await actions.addNoteAction({ type: "person", recordId: personId, body: "n".repeat(10_001) })).toMatchObject({
      ok: false,
      reason: "invalid_input",
    });
    expect(await actions.editNoteAction({ noteId, body: "n".repeat(10_001) })).toMatchObject({ ok: false, reason: "invalid_input" });

    expect(await snapshotDatabase()).toEqual(before);
    expect((await notesOf("person", personId)).map((note) => note.body)).toEqual(["Short and fine"]);
  });

  it("linking a record of another workspace", async () => {
    const { alice, conversation, olgasPersonId } = await buildCrmWorld();
    signInAs(alice);
    const before = await snapshotDatabase();

    expect(await actions.linkRecordAction({ conversationId: conversation.id, type: "person", recordId: olgasPersonId })).toEqual({
      ok: false,
      reason: "record_not_found",
    });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("linking by a user without access to the conversation's app", async () => {
    const { carol, conversation, personId } = await buildCrmWorld();
    signInAs(carol);
    const before = await snapshotDatabase();

    expect(await actions.linkRecordAction({ conversationId: conversation.id, type: "person", recordId: personId })).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await snapshotDatabase()).toEqual(before);
  });
});
