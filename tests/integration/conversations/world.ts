import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/index";
import { conversationActivities, type Conversation, type User } from "@/db/schema";
import { markConversationRead } from "@/lib/inbox/read-markers";
import { listConversations } from "@/lib/inbox/queries";
import { VIEWS, type View } from "@/lib/views";
import {
  createApp,
  createConversation,
  createMessage,
  createUser,
  createWorkspace,
  subjectOf,
} from "@/tests/factories";

/**
 * Acme: alice (admin, installer of both apps), bob (member with access), carol (member
 * without access), dan (admin on the access lists, not the installer), erin (inactive, on the
 * lists), frank (unavailable, on the lists). Other: olga and her own app. Acme's Messenger app
 * holds `conversation` (an inbound message, a sent and a failed reply, an activity line and
 * read markers) and a deleted one; an uninstalled app of alice's keeps one conversation with a
 * failed reply; Other holds a conversation with a failed reply too.
 */
export async function buildWorld() {
  const acme = await createWorkspace({ name: "Acme" });
  const alice = await createUser({ workspace: acme, role: "admin", name: "Alice" });
  const bob = await createUser({ workspace: acme, name: "Bob" });
  const carol = await createUser({ workspace: acme, name: "Carol" });
  const dan = await createUser({ workspace: acme, role: "admin", name: "Dan" });
  const erin = await createUser({ workspace: acme, name: "Erin", isActive: false });
  const frank = await createUser({ workspace: acme, name: "Frank", isAvailable: false });
  const members = [bob, dan, erin, frank];
  const messenger = await createApp({ installer: alice, provider: "messenger", members });
  const whatsapp = await createApp({ installer: alice, provider: "whatsapp", members });

  const other = await createWorkspace({ name: "Other" });
  const olga = await createUser({ workspace: other, role: "admin", name: "Olga" });
  const otherApp = await createApp({ installer: olga, provider: "messenger" });

  const conversation = await createConversation({ app: messenger, contactName: "Ann Contact" });
  await createMessage({ conversation, direction: "inbound", text: "Hi, is my order shipped?" });
  const sent = await createMessage({ conversation, direction: "outbound", sender: bob, text: "Let me check" });
  const failed = await createMessage({
    conversation,
    direction: "outbound",
    sender: bob,
    text: "It left yesterday",
    state: "failed",
    providerMessageId: null,
    // A failure Send again can fix (explainFailure): the network, not a refusal.
    failureReason: "Could not reach Messenger (ECONNREFUSED)",
  });
  const db = await getDb();
  await db.insert(conversationActivities).values({
    workspaceId: acme.id,
    conversationId: conversation.id,
    kind: "closed",
    actorId: bob.id,
  });
  await markConversationRead(db, conversation.id, bob.id);

  const whatsappConversation = await createConversation({ app: whatsapp });
  const deleted = await createConversation({ app: messenger, deletedAt: new Date() });

  const uninstalledApp = await createApp({ installer: alice, provider: "whatsapp", uninstalledAt: new Date() });
  const uninstalledConversation = await createConversation({ app: uninstalledApp });
  const uninstalledFailed = await createMessage({
    conversation: uninstalledConversation,
    direction: "outbound",
    sender: alice,
    state: "failed",
    providerMessageId: null,
  });

  const otherConversation = await createConversation({ app: otherApp, contactName: "Oscar at Other" });
  const otherFailed = await createMessage({
    conversation: otherConversation,
    direction: "outbound",
    sender: olga,
    state: "failed",
    providerMessageId: null,
  });

  return {
    acme,
    other,
    users: { alice, bob, carol, dan, erin, frank, olga },
    apps: { messenger, whatsapp, otherApp, uninstalledApp },
    conversation,
    messages: { sent, failed, otherFailed, uninstalledFailed },
    whatsappConversation,
    deleted,
    uninstalledConversation,
    otherConversation,
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

export const unknownId = () => randomUUID();

/** The ids of `user`'s conversations in each view. */
export async function viewsOf(user: User): Promise<Record<View, string[]>> {
  const entries = await Promise.all(
    VIEWS.map(async (view) => {
      const db = await getDb();
      const { rows } = await listConversations(db, subjectOf(user), view, { limit: 100 });
      return [view, rows.map((row) => row.id)] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<View, string[]>;
}

/** The one view holding `conversation` for `user`, or null when it is in none. */
export async function viewHolding(user: User, conversation: Pick<Conversation, "id">): Promise<View | null> {
  const views = await viewsOf(user);
  const holding = VIEWS.filter((view) => views[view].includes(conversation.id));
  if (holding.length > 1) throw new Error(`${conversation.id} is in several views of ${user.name}: ${holding.join(", ")}`);
  return holding[0] ?? null;
}

export async function activitiesOf(conversation: Pick<Conversation, "id">) {
  const db = await getDb();
  return db
    .select()
    .from(conversationActivities)
    .where(eq(conversationActivities.conversationId, conversation.id))
    .orderBy(conversationActivities.occurredAt);
}
