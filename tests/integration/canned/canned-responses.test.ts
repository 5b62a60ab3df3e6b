import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/index";
import { cannedResponses, type User } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { deleteCannedResponse, listCannedResponses, saveCannedResponse, workspaceName } from "@/lib/canned/canned-responses";
import { actorOf, createUser, createWorkspace } from "@/tests/factories";

// The signed-in actor is swapped in (as in conversations/actions.test.ts); the rest is real.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { saveCannedResponseAction, deleteCannedResponseAction } = await import("@/app/(app)/settings/canned-responses/actions");
const signInAs = (user: User | null) => {
  session.actor = user ? actorOf(user) : null;
};
afterEach(() => signInAs(null));

describe("canned responses", () => {
  it("admins add, edit and delete them; names are unique per workspace ignoring case", async () => {
    const db = await getDb();
    const workspace = await createWorkspace({ name: "Acme" });
    const alice = actorOf(await createUser({ workspace, role: "admin" }));
    const saved = await saveCannedResponse(db, alice, { name: "thanks", text: "Thank you, {{contact.name}}!" });
    expect(saved.ok).toBe(true);
    expect(await saveCannedResponse(db, alice, { name: "THANKS", text: "again" })).toEqual({ ok: false, reason: "canned_name_taken", params: { name: "THANKS" } });
    const id = saved.ok ? saved.value.id : "";
    expect((await saveCannedResponse(db, alice, { id, name: "thank-you", text: "Thanks!" })).ok).toBe(true);
    expect(await listCannedResponses(db, workspace.id)).toEqual([{ id, name: "thank-you", text: "Thanks!" }]);
    expect(await workspaceName(db, workspace.id)).toBe("Acme");

    const other = await createWorkspace();
    const dave = actorOf(await createUser({ workspace: other, role: "admin" }));
    // Another workspace may reuse the name, and can neither edit nor delete Alice's.
    expect((await saveCannedResponse(db, dave, { name: "thank-you", text: "Díky" })).ok).toBe(true);
    expect(await saveCannedResponse(db, dave, { id, name: "mine", text: "x" })).toEqual({ ok: false, reason: "not_found" });
    expect(await deleteCannedResponse(db, dave, id)).toEqual({ ok: false, reason: "not_found" });
    expect(await listCannedResponses(db, workspace.id)).toHaveLength(1);

    expect(await deleteCannedResponse(db, alice, id)).toEqual({ ok: true, value: null });
    expect(await listCannedResponses(db, workspace.id)).toEqual([]);
  });

  it("members may not manage them, and nothing is written", async () => {
    const db = await getDb();
    const workspace = await createWorkspace();
    const alice = actorOf(await createUser({ workspace, role: "admin" }));
    const bob = actorOf(await createUser({ workspace }));
    const saved = await saveCannedResponse(db, alice, { name: "hours", text: "9–17" });
    const id = saved.ok ? saved.value.id : "";
    expect(await saveCannedResponse(db, bob, { name: "mine", text: "x" })).toEqual({ ok: false, reason: "not_admin" });
    expect(await saveCannedResponse(db, bob, { id, name: "hours", text: "changed" })).toEqual({ ok: false, reason: "not_admin" });
    expect(await deleteCannedResponse(db, bob, id)).toEqual({ ok: false, reason: "not_admin" });
    expect(await listCannedResponses(db, workspace.id)).toEqual([{ id, name: "hours", text: "9–17" }]);
  });

  it("the actions refuse bad input with field errors and the signed-out with signed_out", async () => {
    const workspace = await createWorkspace();
    const alice = await createUser({ workspace, role: "admin" });
    const before = (await (await getDb()).select().from(cannedResponses)).length;
    expect(await saveCannedResponseAction({ name: "x", text: "y" })).toEqual({ ok: false, reason: "signed_out" });
    await signInAs(alice);
    const bad = await saveCannedResponseAction({ name: "two words", text: " " });
    expect(bad).toMatchObject({ ok: false, reason: "invalid_input", fieldErrors: { name: ["canned_name_invalid"], text: ["canned_text_required"] } });
    expect(await saveCannedResponseAction({ name: "x".repeat(41), text: "y".repeat(1501) })).toMatchObject({
      fieldErrors: { name: ["canned_name_too_long"], text: ["canned_text_too_long"] },
    });
    expect(await deleteCannedResponseAction({ id: "not-a-uuid" })).toMatchObject({ ok: false, reason: "invalid_input" });
    expect((await (await getDb()).select().from(cannedResponses)).length).toBe(before);
    expect(await saveCannedResponseAction({ name: "ok", text: "Fine" })).toMatchObject({ ok: true, value: { name: "ok", text: "Fine" } });
  });
});
