import "server-only";
import type { Executor } from "@/db/client";
import { findAccessibleConversation, type AccessSubject } from "@/lib/apps/access";
import { lastInboundAt } from "@/lib/content/last-inbound";
import { replyWindow } from "@/lib/content/reply-window";
import { loadCrmPanel } from "@/lib/crm/load-crm-panel";
import { listAssignableUsers } from "@/lib/apps/assignable-users";
import { loadThreadPage } from "./queries";

export type OpenConversation = NonNullable<Awaited<ReturnType<typeof loadOpenConversation>>>;

/**
 * The conversation a URL opens, with its newest thread page, the people it can be assigned
 * to, its reply window (spec §4) and its CRM panel (spec §7, once access is known); null for an unknown, deleted or inaccessible id (the page answers 404). It reads only:
 * the thread marks itself read once it is on screen (markConversationReadAction).
 */
export async function loadOpenConversation(db: Executor, actor: AccessSubject, conversationId: string) {
  const found = await findAccessibleConversation(db, actor, conversationId);
  if (!found) return null;
  const [thread, assignees, lastInbound, crm] = await Promise.all([
    loadThreadPage(db, found.conversation.id),
    listAssignableUsers(db, found.app),
    lastInboundAt(db, found.conversation.id),
    loadCrmPanel(db, actor, found.conversation.id),
  ]);
  return { ...found, thread, assignees, replyWindow: replyWindow(found.app.provider, lastInbound), crm };
}
