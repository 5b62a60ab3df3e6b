import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { conversationActivities, users } from "@/db/schema";
import { lockAccessibleConversation, type AccessSubject } from "@/lib/apps/access";
import { listAssignableUsers } from "@/lib/apps/assignable-users";
import { enqueueMentionNotifications } from "@/lib/notifications/enqueue";
import { publishEvent } from "@/lib/realtime/bus";
import { ok, refuse, type Result } from "@/lib/result";
import { MAX_MENTIONS, NOTE_MAX_CHARS, noteDetailColumns, noteLength } from "@/db/note-detail";

export const addNoteInputSchema = z.strictObject({
  conversationId: z.uuid(),
  // The 10,000-character rule is checked below, where it can say so; this only bounds the request.
  text: z.string().max(NOTE_MAX_CHARS * 4),
  mentionedUserIds: z.array(z.uuid()).max(MAX_MENTIONS),
});

export type NoteRefusal = "not_found" | "empty_note" | "note_too_long" | "mention_not_allowed" | "unknown_assignee";

/**
 * Spec §13 private note: stays in the thread, visibly distinct; never sent to the customer and
 * never written to CRM history notes (it is an activity line, not a message). Only teammates
 * the @ picker offers may be mentioned, active users with access to the app; a forged id is
 * refused and nothing is written. Mentioned teammates are notified by a job (`note.mentioned`).
 * Call inside a transaction: the conversation is locked.
 */
export async function addNote(
  tx: Executor,
  actor: AccessSubject,
  input: z.output<typeof addNoteInputSchema>,
): Promise<Result<{ activityId: string }, NoteRefusal>> {
  const found = await lockAccessibleConversation(tx, actor, input.conversationId);
  if (!found) return refuse("not_found");
  const { conversation, app } = found;
  const text = input.text.trim();
  if (text === "") return refuse("empty_note");
  if (noteLength(text) > NOTE_MAX_CHARS) return refuse("note_too_long", { limit: NOTE_MAX_CHARS });

  const wanted = [...new Set(input.mentionedUserIds)];
  const mentionable = new Map((await listAssignableUsers(tx, app)).map((user) => [user.id, user]));
  const refused = wanted.filter((id) => !mentionable.has(id));
  if (refused.length > 0) {
    const [known] = await tx
      .select({ name: users.name })
      .from(users)
      .where(and(inArray(users.id, refused), eq(users.workspaceId, actor.workspaceId)))
      .limit(1);
    return known ? refuse("mention_not_allowed", { name: known.name }) : refuse("unknown_assignee");
  }
  const mentions = wanted.map((id) => ({ id, name: mentionable.get(id)!.name }));

  const [activity] = await tx
    .insert(conversationActivities)
    .values({
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      kind: "note",
      actorId: actor.userId,
      detail: noteDetailColumns({ text, mentions }),
      occurredAt: new Date(),
    })
    .returning();
  await enqueueMentionNotifications(tx, activity!, mentions.map((mention) => mention.id));
  await publishEvent(tx, {
    type: "conversation.updated",
    workspaceId: conversation.workspaceId,
    appId: conversation.appId,
    conversationId: conversation.id,
    changes: ["note"],
  });
  return ok({ activityId: activity!.id });
}
