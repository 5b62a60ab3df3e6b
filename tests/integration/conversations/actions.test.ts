import { afterEach, describe, expect, it, vi } from "vitest";
import type { User } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { actorOf } from "@/tests/factories";
import { snapshotDatabase } from "@/tests/support/db-snapshot";
import { buildWorld, unknownId } from "./world";

// The session is the one thing tests cannot make without a browser: the signed-in actor is
// swapped in here, and everything behind it (authedAction, the domain, the database) is real.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const actions = await import("@/app/(app)/messaging/actions");

const signInAs = (user: User | null) => {
  session.actor = user ? actorOf(user) : null;
};

afterEach(() => signInAs(null));

describe("the conversation page's server actions", () => {
  const CALLS: Array<[string, (ids: { conversationId: string; messageId: string; userId: string }) => Promise<unknown>]> = [
    ["assignConversationAction", (ids) => actions.assignConversationAction({ conversationId: ids.conversationId, assigneeId: ids.userId })],
    ["setConversationStatusAction", (ids) => actions.setConversationStatusAction({ conversationId: ids.conversationId, status: "closed" })],
    ["deleteConversationAction", (ids) => actions.deleteConversationAction({ conversationId: ids.conversationId })],
    ["sendReplyAction", (ids) => actions.sendReplyAction({ conversationId: ids.conversationId, text: "Hello" })],
    ["resendMessageAction", (ids) => actions.resendMessageAction({ conversationId: ids.conversationId, messageId: ids.messageId })],
    ["setAvailabilityAction", () => actions.setAvailabilityAction({ isAvailable: false })],
  ];

  it.each(CALLS)("refuse %s while signed out, changing nothing", async (_name, call) => {
    const world = await buildWorld();
    signInAs(null);
    const before = await snapshotDatabase();

    const result = await call({
      conversationId: world.conversation.id,
      messageId: world.messages.failed.id,
      userId: world.users.bob.id,
    });

    expect(result).toEqual({ ok: false, reason: "signed_out" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it.each([
    ["a member", "bob"],
    ["an admin who is not the installer", "dan"],
  ] as const)("refuse a forged delete by %s with not_installer", async (_who, name) => {
    const world = await buildWorld();
    signInAs(world.users[name]);
    const before = await snapshotDatabase();

    const result = await actions.deleteConversationAction({ conversationId: world.conversation.id });

    expect(result).toEqual({ ok: false, reason: "not_installer" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it.each([
    ["a conversation id that is not a uuid", () => actions.assignConversationAction({ conversationId: "42", assigneeId: null })],
    ["an assignee id that is not a uuid", (id: string) => actions.assignConversationAction({ conversationId: id, assigneeId: "bob" })],
    ["a message id that is not a uuid", (id: string) => actions.resendMessageAction({ conversationId: id, messageId: "m-1" })],
    ["a status that does not exist", (id: string) => actions.setConversationStatusAction({ conversationId: id, status: "archived" as "closed" })],
  ])("refuse %s as invalid_input, changing nothing", async (_what, call) => {
    const world = await buildWorld();
    signInAs(world.users.alice);
    const before = await snapshotDatabase();

    const result = await call(world.conversation.id);

    expect(result).toMatchObject({ ok: false, reason: "invalid_input" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("answer another workspace's conversation with not_found, as for an unknown id", async () => {
    const world = await buildWorld();
    signInAs(world.users.alice);

    const elsewhere = await actions.setConversationStatusAction({ conversationId: world.otherConversation.id, status: "closed" });
    const unknown = await actions.setConversationStatusAction({ conversationId: unknownId(), status: "closed" });

    expect(elsewhere).toEqual({ ok: false, reason: "not_found" });
    expect(unknown).toEqual(elsewhere);
  });
});
