import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { requireUser } from "@/lib/auth/actor";
import { loadInboxData } from "@/lib/inbox/inbox-data";
import { PAGE_SIZE } from "@/lib/inbox/queries";
import { isView } from "@/lib/inbox/views";
import { CrmPanel } from "@/components/crm/crm-panel";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { ConversationList } from "./conversation-list";
import { ConversationPane } from "./conversation-pane";
import { inboxHref } from "./inbox-href";
import { ViewNav } from "./view-nav";

export type InboxSearchParams = { app?: string | string[]; after?: string | string[] };

function single(value: string | string[] | undefined): string | null {
  return typeof value === "string" ? value : null;
}

/** The inbox of spec §3 and §10: views, list and (when the URL names one) the open conversation. */
export async function InboxPage({
  viewParam,
  conversationId,
  searchParams,
}: {
  viewParam: string;
  conversationId: string | null;
  searchParams: InboxSearchParams;
}) {
  if (!isView(viewParam)) notFound();
  const view = viewParam;
  const actor = await requireUser();
  const t = await getTranslations("inbox");
  const data = await loadInboxData(actor, {
    view,
    conversationId,
    app: single(searchParams.app),
    after: single(searchParams.after),
  });
  if (data.missing) notFound();
  const { apps, appId, after, open, counts, list, thread, assignees } = data;

  if (apps.length === 0) {
    return (
      <main className="flex h-full items-center justify-center p-6">
        <div className="max-w-md rounded-xl border border-line bg-white p-8 text-center shadow-sm">
          <h1 className="text-lg font-semibold">{t("noApps.title")}</h1>
          <p className="mt-2 text-muted">{actor.role === "admin" ? t("noApps.adminBody") : t("noApps.body")}</p>
          {actor.role === "admin" ? (
            <Link href="/settings/integrations/messaging" className={buttonClasses("primary", "mt-5")}>
              {t("noApps.adminAction")}
            </Link>
          ) : null}
        </div>
      </main>
    );
  }

  // Below 2xl the views sit on top of the list, so at 1280px the thread keeps room beside it
  // for the CRM panel; below lg the list and the open conversation each take the full width.
  return (
    <main className="flex h-full min-h-0">
      <div
        className={cn(
          "w-full shrink-0 flex-col border-r border-line bg-white lg:flex lg:w-80 2xl:w-[34rem] 2xl:flex-row",
          open ? "hidden" : "flex",
        )}
      >
        <div className="shrink-0 border-b border-line px-3 py-2.5 2xl:w-56 2xl:border-r 2xl:border-b-0 2xl:py-3">
          <h1 className="sr-only 2xl:not-sr-only 2xl:mb-3 2xl:block 2xl:px-2.5 2xl:text-base 2xl:font-semibold">{t("title")}</h1>
          <ViewNav view={view} counts={counts} apps={apps} appId={appId} />
        </div>
        <div className="flex min-h-0 min-w-0 flex-1 flex-col">
          <div className="flex h-11 shrink-0 items-center justify-between border-b border-line px-4">
            <h2 className="text-sm font-semibold">{t(`viewNames.${view}`)}</h2>
            <NotificationBell />
          </div>
          <ConversationList
            view={view}
            rows={list.rows}
            openId={open?.conversation.id ?? null}
            appId={appId}
            nextCursor={list.nextCursor}
            isFirstPage={!after}
            pageSize={PAGE_SIZE}
          />
        </div>
      </div>
      <section className={cn("min-w-0 flex-1 flex-col bg-canvas", open ? "flex" : "hidden lg:flex")}>
        {open && thread ? (
          <ConversationPane
            actor={actor}
            conversation={open.conversation}
            app={open.app}
            thread={thread}
            assignees={assignees}
            backHref={inboxHref(view, { appId })}
            aside={
              <CrmPanel
                conversationId={open.conversation.id}
                contactName={open.conversation.contactName}
                provider={open.app.provider}
                externalContactId={open.conversation.externalContactId}
              />
            }
          />
        ) : (
          <p className="m-auto text-muted">{t("selectConversation")}</p>
        )}
      </section>
    </main>
  );
}
