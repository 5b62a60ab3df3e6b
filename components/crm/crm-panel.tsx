import { getFormatter, getTranslations } from "next-intl/server";
import type { Conversation, Provider } from "@/db/schema";
import type { CrmPanelData } from "@/lib/crm/load-crm-panel";
import { RECORD_TYPES, type RecordType } from "@/lib/record-types";
import { NEW_DEAL, type RecordDraft } from "./drafts";
import { PanelSection } from "./panel-section";
import { StageBadge } from "./stage-badge";

/** `whatsapp:+420777123456` → `+420777123456`; Messenger contacts have no number to offer. */
function whatsappNumber(externalContactId: string): string {
  return externalContactId.startsWith("whatsapp:") ? externalContactId.slice("whatsapp:".length) : "";
}

/**
 * The conversation's right-hand CRM panel (spec §7): per person, lead and deal either the
 * linked record or Link / Create, the new record prefilled from the contact. Its data comes
 * with the open conversation (loadOpenConversation), loaded once access is known.
 */
export async function CrmPanel({ conversation, provider, crm }: { conversation: Conversation; provider: Provider; crm: CrmPanelData }) {
  const { id: conversationId, contactName, externalContactId } = conversation;
  const { links, deal } = crm;
  const t = await getTranslations();
  const format = await getFormatter();
  const person = links.person;
  const drafts: Record<RecordType, RecordDraft> = {
    person: { type: "person", values: { name: contactName, phones: provider === "whatsapp" ? whatsappNumber(externalContactId) : "", emails: "" } },
    lead: {
      type: "lead",
      values: { title: t("crm.panel.leadTitle", { contact: contactName, provider: t(`common.providers.${provider}`) }), person },
    },
    deal: { type: "deal", values: { title: t("crm.panel.dealTitle", { contact: contactName }), value: "0", ...NEW_DEAL, person } },
  };
  // The linked deal's stage and value, in the reader's number format (issue 16).
  const details: Partial<Record<RecordType, React.ReactNode>> = {
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
