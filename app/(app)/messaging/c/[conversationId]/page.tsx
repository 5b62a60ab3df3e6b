import { notFound, redirect } from "next/navigation";
import { DeletedConversation } from "@/components/crm/deleted-conversation";
import { getDb } from "@/db/index";
import { requireUser } from "@/lib/auth/actor";
import { findAccessibleConversation, findDeletedConversation } from "@/lib/apps/access";
import { viewOf } from "@/lib/views";
import { inboxHref } from "@/lib/paths";

/**
 * Links in notes and notifications use this form: it opens the conversation in whatever view
 * it is in now, or says it was deleted (spec §5, §7).
 */
export default async function ConversationRedirect({ params }: { params: Promise<{ conversationId: string }> }) {
  const db = await getDb();
  const { conversationId } = await params;
  const actor = await requireUser(db);
  const found = await findAccessibleConversation(db, actor, conversationId);
  if (found) redirect(inboxHref(viewOf(found.conversation, actor.userId), { conversationId: found.conversation.id }));
  const deleted = await findDeletedConversation(db, actor, conversationId);
  if (!deleted) notFound();
  return <DeletedConversation contactName={deleted.contactName || null} appName={deleted.appName} provider={deleted.provider} />;
}
