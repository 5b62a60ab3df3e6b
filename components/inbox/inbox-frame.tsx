import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { KeyboardShortcuts } from "@/components/keyboard/keyboard-shortcuts";
import { SearchBox } from "@/components/search/search-box";

/**
 * The inbox's columns, shared by the views and search: the view links, the list under its
 * heading and the search box, and the open conversation (or a hint) beside them.
 * Below 2xl the views sit on top of the list, so at 1280px the thread keeps room beside it
 * for the CRM panel; below lg the list and the open conversation each take the full width.
 */
export async function InboxFrame({
  nav,
  heading,
  searchText,
  list,
  pane,
}: {
  nav: React.ReactNode;
  heading: string;
  searchText?: string;
  list: React.ReactNode;
  /** The open conversation; null shows the "select a conversation" hint. */
  pane: React.ReactNode | null;
}) {
  const t = await getTranslations("inbox");
  const isOpen = pane !== null;
  return (
    <main className="flex h-full min-h-0">
      <KeyboardShortcuts />
      <div
        className={cn(
          "w-full shrink-0 flex-col border-r border-line bg-white lg:flex lg:w-80 2xl:w-[34rem] 2xl:flex-row",
          isOpen ? "hidden" : "flex",
        )}
      >
        <div className="shrink-0 border-b border-line px-3 py-2.5 2xl:w-56 2xl:border-r 2xl:border-b-0 2xl:py-3">
          <h1 className="sr-only 2xl:not-sr-only 2xl:mb-3 2xl:block 2xl:px-2.5 2xl:text-base 2xl:font-semibold">{t("title")}</h1>
          {nav}
        </div>
        <div className="flex min-h-0 min-w-0 flex-1 flex-col">
          <div className="shrink-0 border-b border-line px-3 py-2">
            <SearchBox initial={searchText ?? ""} />
          </div>
          <div className="flex h-11 shrink-0 items-center justify-between border-b border-line px-4">
            <h2 className="truncate text-sm font-semibold">{heading}</h2>
            <NotificationBell />
          </div>
          {list}
        </div>
      </div>
      <section className={cn("min-w-0 flex-1 flex-col bg-canvas", isOpen ? "flex" : "hidden lg:flex")}>
        {pane ?? <p className="m-auto text-muted">{t("selectConversation")}</p>}
      </section>
    </main>
  );
}
