import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/index";
import { requireUser } from "@/lib/auth/actor";
import { findAccessibleConversation } from "@/lib/inbox/access";
import { viewOf } from "@/lib/inbox/views";

/** Links in notes and notifications use this form: it opens the conversation in whatever view it is in now. */
export default async function ConversationRedirect({ params }: { params: Promise<{ conversationId: string }> }) {
  const { conversationId } = await params;
  const actor = await requireUser();
  const found = await findAccessibleConversation(await getDb(), actor, conversationId);
  if (!found) notFound();
  redirect(`/messaging/${viewOf(found.conversation, actor.userId)}/${found.conversation.id}`);
}
