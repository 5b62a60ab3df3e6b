import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { cache } from "react";
import { Avatar } from "@/components/ui/avatar";
import { getDb } from "@/db/index";
import { requireUser } from "@/lib/auth/actor";
import { listLinkedConversations } from "@/lib/crm/links";
import { listNotes } from "@/lib/crm/notes";
import { getDeal, getLead, getPerson, type RecordSummary } from "@/lib/crm/records";
import type { RecordType } from "@/lib/crm/schemas";
import { LinkedConversations } from "./linked-conversations";
import { NotesFeed } from "./notes-feed";
import { RecordActions } from "./record-dialogs";
import type { RecordDraft } from "./drafts";
import { RECORD_LIST_PATHS, recordHref } from "@/lib/paths";
import { StageBadge } from "./stage-badge";

type Loaded = { label: string; createdAt: Date; draft: RecordDraft; fields: { label: string; value: React.ReactNode }[] };

/**
 * The record of this workspace, or null: unknown, malformed and other workspaces' ids alike.
 * Cached per request: the page's title asks for it too.
 */
const loadRecord = cache(async (type: RecordType, id: string): Promise<Loaded | null> => {
  const db = await getDb();
  const actor = await requireUser(db);
  const t = await getTranslations("crm");
  const format = await getFormatter();
  const personOf = async (personId: string | null): Promise<RecordSummary | null> => {
    const person = personId ? await getPerson(db, actor, personId) : null;
    return person ? { id: person.id, type: "person", label: person.name } : null;
  };
  const personField = (person: RecordSummary | null) => ({
    label: t("fields.person"),
    value: person ? (
      <Link href={recordHref("person", person.id)} className="text-brand-600 hover:underline">
        {person.label}
      </Link>
    ) : (
      <span className="text-muted">{t("detail.noPerson")}</span>
    ),
  });
  const list = (values: string[], empty: string, href: (value: string) => string) =>
    values.length > 0 ? (
      <ul className="flex flex-col gap-0.5">
        {values.map((value) => (
          <li key={value} className="break-all">
            <a href={href(value)} className="text-brand-600 hover:underline">
              {value}
            </a>
          </li>
        ))}
      </ul>
    ) : (
      <span className="text-muted">{empty}</span>
    );

  if (type === "person") {
    const person = await getPerson(db, actor, id);
    if (!person) return null;
    return {
      label: person.name,
      createdAt: person.createdAt,
      draft: { type, values: { name: person.name, phones: person.phones.join(", "), emails: person.emails.join(", ") } },
      fields: [
        // The schema allows only digits, spaces, +, ( ) and - in a phone, and real addresses in emails.
        { label: t("fields.phones"), value: list(person.phones, t("detail.noPhones"), (phone) => `tel:${phone.replace(/[^\d+]/g, "")}`) },
        { label: t("fields.emails"), value: list(person.emails, t("detail.noEmails"), (email) => `mailto:${email}`) },
      ],
    };
  }
  if (type === "lead") {
    const lead = await getLead(db, actor, id);
    if (!lead) return null;
    const person = await personOf(lead.personId);
    return {
      label: lead.title,
      createdAt: lead.createdAt,
      draft: { type, values: { title: lead.title, person } },
      fields: [personField(person)],
    };
  }
  const deal = await getDeal(db, actor, id);
  if (!deal) return null;
  const person = await personOf(deal.personId);
  return {
    label: deal.title,
    createdAt: deal.createdAt,
    draft: { type, values: { title: deal.title, value: deal.value, currency: deal.currency, stage: deal.stage, person } },
    fields: [
      {
        label: t("fields.value"),
        value: <span className="text-base font-semibold tabular-nums">{format.number(Number(deal.value), { style: "currency", currency: deal.currency })}</span>,
      },
      { label: t("fields.stage"), value: <StageBadge stage={deal.stage} /> },
      personField(person),
    ],
  };
});

export async function recordLabel(type: RecordType, id: string): Promise<string | null> {
  return (await loadRecord(type, id))?.label ?? null;
}

/** `/persons/{id}`, `/leads/{id}`, `/deals/{id}`: the record, its notes and its conversations; 404 otherwise. */
export async function RecordDetailPage({ type, id, notesBefore = null }: { type: RecordType; id: string; notesBefore?: string | null }) {
  const db = await getDb();
  const actor = await requireUser(db);
  const record = await loadRecord(type, id);
  if (!record) notFound();
  const t = await getTranslations("crm");
  const format = await getFormatter();
  const [notes, conversations] = await Promise.all([listNotes(db, actor, type, id, notesBefore), listLinkedConversations(db, actor, type, id)]);

  return (
    <main className="h-full overflow-y-auto">
      <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-5 md:px-6">
        <nav aria-label={t("detail.breadcrumb")} className="text-sm">
          <ol className="flex min-w-0 items-center gap-1.5 text-muted">
            <li>
              <Link href={RECORD_LIST_PATHS[type]} className="hover:text-ink hover:underline">
                {t(`types.${type}.many`)}
              </Link>
            </li>
            <li aria-hidden="true">/</li>
            <li aria-current="page" className="min-w-0 truncate text-ink">
              {record.label}
            </li>
          </ol>
        </nav>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="flex min-w-0 items-center gap-3">
            {type === "person" ? <Avatar name={record.label} /> : null}
            <div className="min-w-0">
              <p className="text-xs font-medium uppercase tracking-wide text-muted">{t(`types.${type}.one`)}</p>
              <h1 className="break-words text-xl font-semibold">{record.label}</h1>
            </div>
          </div>
          <RecordActions draft={record.draft} id={id} label={record.label} />
        </div>
        <div className="grid items-start gap-4 lg:grid-cols-[20rem_minmax(0,1fr)]">
          <div className="flex min-w-0 flex-col gap-4">
            <section aria-labelledby="details-heading" className="rounded-lg border border-line bg-white">
              <h2 id="details-heading" className="border-b border-line px-4 py-2.5 text-sm font-semibold">
                {t("detail.details")}
              </h2>
              <dl className="flex flex-col gap-3 px-4 py-3 text-sm">
                {record.fields.map((field) => (
                  <div key={field.label}>
                    <dt className="text-xs text-muted">{field.label}</dt>
                    <dd className="mt-0.5">{field.value}</dd>
                  </div>
                ))}
                <div>
                  <dt className="text-xs text-muted">{t("fields.created")}</dt>
                  <dd className="mt-0.5">
                    <time dateTime={record.createdAt.toISOString()}>{format.dateTime(record.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                  </dd>
                </div>
              </dl>
            </section>
            <LinkedConversations conversations={conversations} />
          </div>
          <NotesFeed type={type} recordId={id} page={notes} isFirstPage={!notesBefore} />
        </div>
      </div>
    </main>
  );
}
