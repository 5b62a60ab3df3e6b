import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/index";
import { requireUser } from "@/lib/auth/actor";
import { getConversationLinks } from "@/lib/crm/links";
import { getDeal } from "@/lib/crm/records";
import { RECORD_TYPES } from "@/lib/crm/schemas";
import { findAccessibleConversation } from "@/lib/apps/access";
import { NEW_DEAL, type RecordDraft } from "./drafts";
import { PanelSection } from "./panel-section";
import { StageBadge } from "./stage-badge";

/** `whatsapp:+420777123456` → `+420777123456`; Messenger contacts have no number to offer. */
function whatsappNumber(externalContactId: string): string {
  return externalContactId.startsWith("whatsapp:") ? externalContactId.slice("whatsapp:".length) : "";
}

/**
 * The conversation's right-hand CRM panel (spec §7): per person, lead and deal either the
 * linked record or Link / Create, the new record prefilled from the contact. Renders nothing
 * for a user without access to the conversation's app.
 */
export async function CrmPanel({
  conversationId,
  contactName,
  provider,
  externalContactId,
}: {
  conversationId: string;
  contactName: string;
  provider: "messenger" | "whatsapp";
  externalContactId: string;
}) {
  const db = await getDb();
  const actor = await requireUser(db);
  if (!(await findAccessibleConversation(db, actor, conversationId))) return null;
  const links = await getConversationLinks(db, actor, conversationId);
  const deal = links.deal ? await getDeal(db, actor, links.deal.id) : null;
  const t = await getTranslations();
  const format = await getFormatter();
  const person = links.person;
  const drafts: Record<(typeof RECORD_TYPES)[number], RecordDraft> = {
    person: { type: "person", values: { name: contactName, phones: provider === "whatsapp" ? whatsappNumber(externalContactId) : "", emails: "" } },
    lead: {
      type: "lead",
      values: { title: t("crm.panel.leadTitle", { contact: contactName, provider: t(`common.providers.${provider}`) }), person },
    },
    deal: { type: "deal", values: { title: t("crm.panel.dealTitle", { contact: contactName }), value: "0", ...NEW_DEAL, person } },
  };
  // The linked deal's stage and value, in the reader's number format (issue 16).
  const details: Partial<Record<(typeof RECORD_TYPES)[number], React.ReactNode>> = {
    deal: deal ? (
      <p className="mt-1.5 flex min-w-0 items-center gap-2 text-xs" data-testid="panel-deal-details">
        <StageBadge stage={deal.stage} />
        <span className="truncate font-medium text-ink tabular-nums">
          {format.number(Number(deal.value), { style: "currency", currency: deal.currency })}
        </span>
      </p>
    ) : null,
  };

  return (
    <aside aria-label={t("crm.panel.title")} className="flex flex-col">
      <h2 className="border-b border-line px-4 py-3 text-xs font-semibold uppercase tracking-wide text-muted">{t("crm.panel.title")}</h2>
      {RECORD_TYPES.map((type) => (
        <PanelSection key={type} conversationId={conversationId} type={type} linked={links[type]} draft={drafts[type]} details={details[type]} />
      ))}
    </aside>
  );
}
