import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Conversation, MessagingApp } from "@/db/schema";
import type { loadThreadPage } from "@/lib/inbox/queries";
import { ProviderIcon } from "./provider-icon";
import { Thread } from "./thread";

export async function ConversationPane({
  conversation,
  app,
  thread,
  backHref,
}: {
  conversation: Conversation;
  app: MessagingApp;
  thread: Awaited<ReturnType<typeof loadThreadPage>>;
  backHref: string;
}) {
  const t = await getTranslations("common");
  return (
    <>
      <header className="flex h-14 shrink-0 items-center gap-3 border-b border-line bg-white px-4">
        <Link href={backHref} className="text-sm text-brand-600 md:hidden">
          ← {t("back")}
        </Link>
        <div className="min-w-0">
          <h2 className="truncate font-semibold">{conversation.contactName}</h2>
          <p className="flex items-center gap-1.5 text-xs text-muted">
            <ProviderIcon provider={app.provider} className="h-3.5 w-3.5" />
            {app.name}
          </p>
        </div>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-5 md:px-8">
        <Thread contactName={conversation.contactName} messages={thread.messages} activities={thread.activities} />
      </div>
    </>
  );
}
