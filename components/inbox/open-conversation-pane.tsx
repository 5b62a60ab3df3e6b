import { CrmPanel } from "@/components/crm/crm-panel";
import type { Conversation, MessagingApp } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { ThreadPage } from "@/lib/inbox/thread-page";
import type { AssigneeOption } from "./conversation-header";
import { ConversationPane } from "./conversation-pane";

/** The open conversation with the CRM panel beside it, as the views and search show it. */
export function OpenConversationPane({
  actor,
  open,
  thread,
  assignees,
  backHref,
}: {
  actor: Actor;
  open: { conversation: Conversation; app: MessagingApp };
  thread: ThreadPage;
  assignees: AssigneeOption[];
  backHref: string;
}) {
  return (
    <ConversationPane
      actor={actor}
      conversation={open.conversation}
      app={open.app}
      thread={thread}
      assignees={assignees}
      backHref={backHref}
      aside={
        <CrmPanel actor={actor} conversation={open.conversation} provider={open.app.provider} />
      }
    />
  );
}
