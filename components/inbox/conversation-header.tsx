import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Avatar } from "@/components/ui/avatar";
import type { Provider } from "@/db/schema";
import type { AssignableUser } from "@/lib/apps/assignable-users";
import { ContactMenu } from "./contact-menu";
import { ConversationActions } from "./conversation-actions";
import { PresenceIndicator } from "./presence/presence-indicator";
import { ProviderIcon } from "./provider-icon";
import { SidePanelToggle } from "./side-panel";

/**
 * The conversation header of spec §10: the contact's name opens the contact menu, then the
 * app it came through and the interactive row of ConversationActions. Only the leaves that
 * respond to the user are client components.
 */
export async function ConversationHeader({
  conversation,
  app,
  assignees,
  currentUserId,
  canDelete,
  backHref,
}: {
  conversation: {
    id: string;
    contactName: string;
    externalContactId: string;
    status: "open" | "closed";
    assigneeId: string | null;
    snoozedUntil: string | null;
  };
  app: { name: string; provider: Provider };
  assignees: AssignableUser[];
  currentUserId: string;
  canDelete: boolean;
  backHref: string;
}) {
  const t = await getTranslations("conversation");
  const tCommon = await getTranslations("common");
  const status = conversation.status;

  return (
    // A container: what fits depends on the thread's width (list, rail and CRM panel beside it), not the window's.
    <header className="@container shrink-0 border-b border-line bg-white">
      <div className="flex min-h-14 flex-wrap items-center gap-x-3 gap-y-2 px-3 py-2 sm:px-4">
        <Link
          href={backHref}
          className="-ml-1 flex items-center gap-1 rounded-md px-1.5 py-1 text-sm text-brand-600 hover:bg-brand-50 lg:hidden"
        >
          <svg viewBox="0 0 16 16" aria-hidden="true" className="h-4 w-4">
            <path d="M10 3.5L5.5 8l4.5 4.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {tCommon("back")}
        </Link>
        <div className="flex min-w-44 flex-1 items-center gap-2.5">
          <Avatar name={conversation.contactName} />
          <div className="min-w-0 flex-1">
            <ContactMenu
              conversationId={conversation.id}
              contactName={conversation.contactName}
              externalContactId={conversation.externalContactId}
              app={app}
              canDelete={canDelete}
              backHref={backHref}
            />
            <p className="mt-0.5 flex min-w-0 items-center gap-1.5 text-xs text-muted">
              <ProviderIcon provider={app.provider} className="h-3.5 w-3.5 shrink-0" />
              <span className="truncate">{app.name}</span>
              {status === "closed" ? (
                <span className="shrink-0 rounded-full bg-canvas px-1.5 py-px font-medium text-muted ring-1 ring-line">{t("status.closedBadge")}</span>
              ) : null}
            </p>
            <PresenceIndicator conversationId={conversation.id} currentUserId={currentUserId} />
          </div>
        </div>
        {/* Beside the name on phones, where the actions take a row of their own; last from sm up. */}
        <SidePanelToggle className="shrink-0 sm:order-last" />
        <ConversationActions
          key={conversation.id}
          conversation={{ id: conversation.id, status, assigneeId: conversation.assigneeId, snoozedUntil: conversation.snoozedUntil }}
          assignees={assignees}
          currentUserId={currentUserId}
        />
      </div>
    </header>
  );
}
