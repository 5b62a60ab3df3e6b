import { getDb } from "@/db/index";
import { conversations, type Conversation, type MessagingApp, type User } from "@/db/schema";
import { nextSequence } from "./sequence";

export type CreateConversationOptions = {
  app: Pick<MessagingApp, "id" | "workspaceId" | "provider">;
  assignee?: Pick<User, "id"> | null;
  status?: "open" | "closed";
  contactName?: string;
  /** A Messenger PSID or a WhatsApp `whatsapp:+E164` number, unique by default. */
  externalContactId?: string;
  /** Now (at millisecond precision) by default. */
  lastActivityAt?: Date;
  lastMessageAt?: Date | null;
  lastMessagePreview?: string | null;
  deletedAt?: Date | null;
};

export async function createConversation(options: CreateConversationOptions): Promise<Conversation> {
  const n = nextSequence();
  const externalContactId =
    options.externalContactId ??
    (options.app.provider === "messenger"
      ? String(7_000_000_000_000_000 + n)
      : `whatsapp:+420${String(600_000_000 + n)}`);
  const db = await getDb();
  const [conversation] = await db
    .insert(conversations)
    .values({
      workspaceId: options.app.workspaceId,
      appId: options.app.id,
      externalContactId,
      contactName: options.contactName ?? `Contact ${n}`,
      status: options.status ?? "open",
      assigneeId: options.assignee?.id ?? null,
      lastActivityAt: options.lastActivityAt,
      lastMessageAt: options.lastMessageAt ?? null,
      lastMessagePreview: options.lastMessagePreview ?? null,
      deletedAt: options.deletedAt ?? null,
    })
    .returning();
  return conversation!;
}
