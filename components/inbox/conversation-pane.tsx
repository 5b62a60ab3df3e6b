import { cookies } from "next/headers";
import { LAYOUT_COOKIES } from "@/components/shell/layout-preferences";
import type { Actor } from "@/lib/actor";
import { canDeleteConversation } from "@/lib/inbox/delete-conversation";
import type { OpenConversation } from "@/lib/inbox/load-open-conversation";
import { ConversationHeader } from "./conversation-header";
import type { ShownReplyWindow } from "./reply-window-note";
import { SidePanel, SidePanelProvider } from "./side-panel";
import { Thread } from "./thread";

/**
 * The open conversation: header, thread and reply box, and a right-hand panel (the CRM links
 * of spec §7 go there) that the header's toggle shows or hides; nothing is drawn when there is none.
 */
export async function ConversationPane({
  actor,
  open,
  backHref,
  aside,
}: {
  actor: Actor;
  open: OpenConversation;
  backHref: string;
  aside?: React.ReactNode;
}) {
  const { conversation, app, thread, assignees, replyWindow: window } = open;
  const shownWindow: ShownReplyWindow = "until" in window ? { kind: window.kind, until: window.until.toISOString() } : { kind: window.kind };
  const isPanelDocked = (await cookies()).get(LAYOUT_COOKIES.crmPanel)?.value !== "closed";
  const pane = (
    <div className="relative flex min-h-0 min-w-0 flex-1">
      <div className="flex min-w-0 flex-1 flex-col">
        <ConversationHeader
          key={conversation.id}
          conversation={{
            id: conversation.id,
            contactName: conversation.contactName,
            externalContactId: conversation.externalContactId,
            status: conversation.status,
            assigneeId: conversation.assigneeId,
            snoozedUntil: conversation.snoozedUntil?.toISOString() ?? null,
          }}
          app={{ name: app.name, provider: app.provider }}
          assignees={assignees}
          currentUserId={actor.userId}
          canDelete={canDeleteConversation(actor, app)}
          backHref={backHref}
        />
        <Thread
          key={`thread-${conversation.id}`}
          conversationId={conversation.id}
          contactName={conversation.contactName}
          provider={app.provider}
          isClosed={conversation.status === "closed"}
          page={thread}
          senderName={actor.name}
          currentUserId={actor.userId}
          mentionable={assignees.filter((user) => user.id !== actor.userId).map(({ id, name }) => ({ id, name }))}
          replyWindow={shownWindow}
        />
      </div>
      {aside ? <SidePanel>{aside}</SidePanel> : null}
    </div>
  );
  return aside ? <SidePanelProvider isInitiallyDocked={isPanelDocked}>{pane}</SidePanelProvider> : pane;
}
