import { CrmPanel } from "@/components/crm/crm-panel";
import type { Actor } from "@/lib/actor";
import type { OpenConversation } from "@/lib/inbox/load-open-conversation";
import { ConversationPane } from "./conversation-pane";

/** The open conversation with the CRM panel beside it, as the views and search show it. */
export function OpenConversationPane({ actor, open, backHref }: { actor: Actor; open: OpenConversation; backHref: string }) {
  return (
    <ConversationPane
      actor={actor}
      open={open}
      backHref={backHref}
      aside={<CrmPanel conversation={open.conversation} provider={open.app.provider} crm={open.crm} />}
    />
  );
}
