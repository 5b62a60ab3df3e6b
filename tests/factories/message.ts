import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/index";
import { conversations, messages, type Attachment, type Conversation, type DeliveryState, type Message, type User } from "@/db/schema";
import { uniqueToken } from "./sequence";

export type CreateMessageOptions = {
  conversation: Pick<Conversation, "id" | "appId" | "workspaceId">;
  direction?: "inbound" | "outbound";
  text?: string;
  /** "received" for inbound, "sent" for outbound by default. */
  state?: DeliveryState;
  failureReason?: string | null;
  occurredAt?: Date;
  providerMessageId?: string | null;
  /** The user who sent an outbound message. */
  sender?: Pick<User, "id"> | null;
  attachments?: Attachment[];
  /**
   * Moves the conversation's last activity, last message time and preview forward, as
   * storing a real message does (never backwards). Default true.
   */
  touchConversation?: boolean;
};

export async function createMessage(options: CreateMessageOptions): Promise<Message> {
  const direction = options.direction ?? "inbound";
  const occurredAt = options.occurredAt ?? new Date();
  const db = await getDb();
  const [message] = await db
    .insert(messages)
    .values({
      workspaceId: options.conversation.workspaceId,
      appId: options.conversation.appId,
      conversationId: options.conversation.id,
      direction,
      providerMessageId: options.providerMessageId === undefined ? uniqueToken("test-mid") : options.providerMessageId,
      text: options.text ?? (direction === "inbound" ? "Hello, I have a question" : "Thanks, we will get back to you"),
      attachments: options.attachments ?? [],
      senderUserId: options.sender?.id ?? null,
      state: options.state ?? (direction === "inbound" ? "received" : "sent"),
      failureReason: options.failureReason ?? null,
      occurredAt,
    })
    .returning();

  if (options.touchConversation ?? true) {
    const at = occurredAt.toISOString();
    const isNewest = sql`(${conversations.lastMessageAt} is null or ${conversations.lastMessageAt} <= ${at}::timestamptz)`;
    await db
      .update(conversations)
      .set({
        lastActivityAt: sql`greatest(${conversations.lastActivityAt}, ${at}::timestamptz)`,
        lastMessagePreview: sql`case when ${isNewest} then ${message!.text} else ${conversations.lastMessagePreview} end`,
        lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${at}::timestamptz)`,
        lastMessageDirection: sql`case when ${isNewest} then ${direction}::message_direction else ${conversations.lastMessageDirection} end`,
        lastMessageAuthorId: sql`case when ${isNewest} then ${message!.senderUserId}::uuid else ${conversations.lastMessageAuthorId} end`,
      })
      .where(eq(conversations.id, options.conversation.id));
  }
  return message!;
}
