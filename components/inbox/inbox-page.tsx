import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/actor";
import { getDb } from "@/db/index";
import { loadInboxData } from "@/lib/inbox/inbox-data";
import { describeNoAccess } from "@/lib/inbox/no-access";
import { PAGE_SIZE } from "@/lib/inbox/queries";
import { isView } from "@/lib/inbox/views";
import { ConversationList } from "./conversation-list";
import { OpenConversationPane } from "./open-conversation-pane";
import { InboxFrame } from "./inbox-frame";
import { inboxHref, SETTINGS_PATHS } from "@/lib/paths";
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
  const db = await getDb();
  if (!isView(viewParam)) notFound();
  const view = viewParam;
  const actor = await requireUser(db);
  const t = await getTranslations("inbox");
  const data = await loadInboxData(db, actor, {
    view,
    conversationId,
    app: single(searchParams.app),
    after: single(searchParams.after),
  });
  if (data.missing) notFound();
  const { apps, appId, after, open, counts, list, thread, assignees } = data;

  if (apps.length === 0) {
    const state = await describeNoAccess(await getDb(), actor.workspaceId);
    const isAdmin = actor.role === "admin";
    const format = await getFormatter();
    const title = state.workspaceHasApps ? t("noAccess.title") : t("noApps.title");
    const body = state.workspaceHasApps
      ? isAdmin
        ? t("noAccess.adminBody")
        : t("noAccess.body", { admins: format.list(state.adminNames, { type: "disjunction" }) })
      : isAdmin
        ? t("noApps.adminBody")
        : t("noApps.body");
    return (
      <main className="flex h-full items-center justify-center p-6">
        <div className="max-w-md rounded-xl border border-line bg-white p-8 text-center shadow-sm">
          <h1 className="text-lg font-semibold">{title}</h1>
          <p className="mt-2 text-muted">{body}</p>
          {isAdmin ? (
            <Link href={SETTINGS_PATHS.messagingApps} className={buttonClasses("primary", "mt-5")}>
              {t("noApps.adminAction")}
            </Link>
          ) : null}
        </div>
      </main>
    );
  }

  return (
    <InboxFrame
      nav={<ViewNav view={view} counts={counts} apps={apps} appId={appId} />}
      heading={t(`viewNames.${view}`)}
      list={
        <ConversationList
          view={view}
          rows={list.rows}
          openId={open?.conversation.id ?? null}
          appId={appId}
          nextCursor={list.nextCursor}
          isFirstPage={!after}
          pageSize={PAGE_SIZE}
        />
      }
      pane={
        open && thread ? (
          <OpenConversationPane actor={actor} open={open} thread={thread} assignees={assignees} backHref={inboxHref(view, { appId })} />
        ) : null
      }
    />
  );
}
