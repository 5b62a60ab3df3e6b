import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Avatar } from "@/components/ui/avatar";
import type { LoadedRecord, RecordDetail } from "@/lib/crm/load-record-detail";
import { LinkedConversations } from "./linked-conversations";
import { NotesFeed } from "./notes-feed";
import { RecordActions } from "./record-dialogs";
import type { RecordDraft } from "./drafts";
import { RECORD_LIST_PATHS, recordHref } from "@/lib/paths";
import { StageBadge } from "./stage-badge";

type Shown = { draft: RecordDraft; fields: { label: string; value: React.ReactNode }[] };

/** What the page shows of each kind: its fields, and the form's draft for Edit. */
async function showRecord({ type, row, person }: LoadedRecord): Promise<Shown> {
  const t = await getTranslations("crm");
  const format = await getFormatter();
  const personField = {
    label: t("fields.person"),
    value: person ? (
      <Link href={recordHref("person", person.id)} className="text-brand-600 hover:underline">
        {person.label}
      </Link>
    ) : (
      <span className="text-muted">{t("detail.noPerson")}</span>
    ),
  };
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
    return {
      draft: { type, values: { name: row.name, phones: row.phones.join(", "), emails: row.emails.join(", ") } },
      fields: [
        // The schema allows only digits, spaces, +, ( ) and - in a phone, and real addresses in emails.
        { label: t("fields.phones"), value: list(row.phones, t("detail.noPhones"), (phone) => `tel:${phone.replace(/[^\d+]/g, "")}`) },
        { label: t("fields.emails"), value: list(row.emails, t("detail.noEmails"), (email) => `mailto:${email}`) },
      ],
    };
  }
  if (type === "lead") return { draft: { type, values: { title: row.title, person } }, fields: [personField] };
  return {
    draft: { type, values: { title: row.title, value: row.value, currency: row.currency, stage: row.stage, person } },
    fields: [
      {
        label: t("fields.value"),
        value: <span className="text-base font-semibold tabular-nums">{format.number(Number(row.value), { style: "currency", currency: row.currency })}</span>,
      },
      { label: t("fields.stage"), value: <StageBadge stage={row.stage} /> },
      personField,
    ],
  };
}

/** A record's page (lib/crm/load-record-detail.ts): its fields, its notes and its conversations. */
export async function RecordDetailPage({ detail }: { detail: RecordDetail }) {
  const { id, record, notes, isFirstNotesPage, conversations } = detail;
  const { type } = record;
  const { draft, fields } = await showRecord(record);
  const t = await getTranslations("crm");
  const format = await getFormatter();

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
          <RecordActions draft={draft} id={id} label={record.label} />
        </div>
        <div className="grid items-start gap-4 lg:grid-cols-[20rem_minmax(0,1fr)]">
          <div className="flex min-w-0 flex-col gap-4">
            <section aria-labelledby="details-heading" className="rounded-lg border border-line bg-white">
              <h2 id="details-heading" className="border-b border-line px-4 py-2.5 text-sm font-semibold">
                {t("detail.details")}
              </h2>
              <dl className="flex flex-col gap-3 px-4 py-3 text-sm">
                {fields.map((field) => (
                  <div key={field.label}>
                    <dt className="text-xs text-muted">{field.label}</dt>
                    <dd className="mt-0.5">{field.value}</dd>
                  </div>
                ))}
                <div>
                  <dt className="text-xs text-muted">{t("fields.created")}</dt>
                  <dd className="mt-0.5">
                    <time dateTime={record.row.createdAt.toISOString()}>{format.dateTime(record.row.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                  </dd>
                </div>
              </dl>
            </section>
            <LinkedConversations conversations={conversations} />
          </div>
          <NotesFeed type={type} recordId={id} page={notes} isFirstPage={isFirstNotesPage} />
        </div>
      </div>
    </main>
  );
}
