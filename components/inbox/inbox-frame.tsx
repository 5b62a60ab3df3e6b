import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { NotificationSettings } from "@/components/notifications/notification-settings";
import type { NotificationSettingsData } from "@/lib/notifications/load-notification-settings";
import { KeyboardShortcuts } from "@/components/keyboard/keyboard-shortcuts";
import { SearchBox } from "@/components/search/search-box";

/**
 * The inbox's columns, shared by the views and search: the view links, the search box and the
 * list, and the open conversation (or a hint) beside them. Issue 16: the list column stays
 * narrow so the thread is the widest column; below lg the list and the open conversation each
 * take the full width, and on phones the views fold into one button beside the search box.
 */
export async function InboxFrame({
  nav,
  heading,
  searchText,
  list,
  pane,
  notificationSettings,
}: {
  nav: React.ReactNode;
  heading: string;
  searchText?: string;
  list: React.ReactNode;
  /** The open conversation; null shows the "select a conversation" hint. */
  pane: React.ReactNode | null;
  /** The bell beside the search box (spec §6, §10). */
  notificationSettings: NotificationSettingsData;
}) {
  const t = await getTranslations("inbox");
  const isOpen = pane !== null;
  return (
    <main className="flex h-full min-h-0">
      {/* Outside the list's column, which phones hide while a conversation is open. */}
      <h1 className="sr-only">{t("title")}</h1>
      <KeyboardShortcuts />
      <div
        className={cn(
          "w-full shrink-0 flex-col border-line bg-white lg:flex lg:w-72 lg:border-r 2xl:w-80",
          isOpen ? "hidden" : "flex",
        )}
      >
        <div className="flex shrink-0 flex-wrap items-center gap-2 border-b border-line px-3 py-1.5 lg:py-2">
          <div className="max-w-[45%] min-w-0 lg:max-w-none lg:basis-full">{nav}</div>
          <div className="min-w-0 flex-1">
            <SearchBox initial={searchText ?? ""} />
          </div>
          <NotificationSettings {...notificationSettings} />
        </div>
        {/* The current view is marked in the nav; the heading is for screen readers' outline. */}
        <h2 className="sr-only">{heading}</h2>
        {list}
      </div>
      <section className={cn("min-w-0 flex-1 flex-col bg-canvas", isOpen ? "flex" : "hidden lg:flex")}>
        {pane ?? <p className="m-auto text-muted">{t("selectConversation")}</p>}
      </section>
    </main>
  );
}
