import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Avatar } from "@/components/ui/avatar";
import { cn } from "@/components/ui/cn";
import type { LinkedConversation } from "@/lib/crm/links";
import { conversationHref } from "@/lib/paths";

export async function LinkedConversations({ conversations }: { conversations: LinkedConversation[] }) {
  const t = await getTranslations("crm.detail");
  return (
    <section aria-labelledby="linked-heading" className="rounded-lg border border-line bg-white">
      <h2 id="linked-heading" className="border-b border-line px-4 py-2.5 text-sm font-semibold">
        {t("linkedConversations")}
      </h2>
      {conversations.length > 0 ? (
        <ul className="divide-y divide-line">
          {conversations.map((conversation) => (
            <li key={conversation.id}>
              <Link href={conversationHref(conversation.id)} prefetch={false} className="flex min-w-0 items-center gap-2.5 px-4 py-2.5 hover:bg-canvas">
                <Avatar name={conversation.contactName} size="sm" />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium">{conversation.contactName}</span>
                  <span className="block truncate text-xs text-muted">{t("conversationOn", { app: conversation.appName })}</span>
                </span>
                <span
                  className={cn(
                    "shrink-0 rounded px-1.5 py-0.5 text-[11px] font-medium",
                    conversation.status === "open" ? "bg-emerald-50 text-emerald-800" : "bg-slate-100 text-slate-600",
                  )}
                >
                  {t(`status.${conversation.status}`)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="px-4 py-3 text-sm text-muted">{t("noLinkedConversations")}</p>
      )}
    </section>
  );
}
