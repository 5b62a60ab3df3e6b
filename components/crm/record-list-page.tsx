import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Avatar } from "@/components/ui/avatar";
import { buttonClasses } from "@/components/ui/button";
import type { Deal } from "@/db/schema";
import type { RecordList } from "@/lib/crm/load-record-list";
import type { RecordType } from "@/lib/record-types";
import { CrmTabs } from "./crm-tabs";
import { NewRecordButton } from "./record-dialogs";
import { RECORD_LIST_PATHS, recordHref } from "@/lib/paths";
import { StageBadge } from "./stage-badge";

function listHref(type: RecordType, query: string, after?: string): string {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (after) params.set("after", after);
  const search = params.toString();
  return search ? `${RECORD_LIST_PATHS[type]}?${search}` : RECORD_LIST_PATHS[type];
}

type Column<Row> = { header: string; cell: (row: Row) => React.ReactNode; className?: string };

function RecordTable<Row extends { id: string }>({ caption, columns, rows }: { caption: string; columns: Column<Row>[]; rows: Row[] }) {
  return (
    <div className="hidden overflow-hidden rounded-lg border border-line bg-white md:block">
      <table className="w-full table-fixed text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-canvas text-left text-xs font-medium text-muted">
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={`px-4 py-2 font-medium ${column.className ?? ""}`}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-line hover:bg-canvas/60">
              {columns.map((column) => (
                <td key={column.header} className={`truncate px-4 py-2.5 ${column.className ?? ""}`}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RecordCards<Row extends { id: string }>({ label, rows, render }: { label: string; rows: Row[]; render: (row: Row) => React.ReactNode }) {
  return (
    <ul aria-label={label} className="flex flex-col gap-2 md:hidden">
      {rows.map((row) => (
        <li key={row.id} className="rounded-lg border border-line bg-white px-4 py-3">
          {render(row)}
        </li>
      ))}
    </ul>
  );
}

function PersonLink({ person }: { person: { id: string; name: string } }) {
  return (
    <Link href={recordHref("person", person.id)} className="hover:text-brand-600 hover:underline">
      {person.name}
    </Link>
  );
}

function TitleLink({ type, id, label, withAvatar }: { type: RecordType; id: string; label: string; withAvatar?: boolean }) {
  return (
    <Link href={recordHref(type, id)} className="inline-flex max-w-full items-center gap-2 font-medium text-ink hover:text-brand-600 hover:underline">
      {withAvatar ? <Avatar name={label} size="sm" /> : null}
      <span className="truncate">{label}</span>
    </Link>
  );
}

/** A page of persons, leads or deals (lib/crm/load-record-list.ts), with the search box and the paging links. */
export async function RecordListPage({ list: data }: { list: RecordList }) {
  const { type, query, isFirstPage, nextCursor } = data;
  const t = await getTranslations("crm");
  const format = await getFormatter();
  const person = (row: { personId: string | null }) => {
    const name = row.personId ? data.personNames.get(row.personId) : undefined;
    return row.personId && name !== undefined ? <PersonLink person={{ id: row.personId, name }} /> : null;
  };
  const none = <span className="text-muted">{t("list.none")}</span>;
  const created = (row: { createdAt: Date }) => (
    <time dateTime={row.createdAt.toISOString()} className="text-muted">
      {format.dateTime(row.createdAt, { dateStyle: "medium" })}
    </time>
  );
  const caption = t(`types.${type}.many`);

  let list: React.ReactNode;
  if (data.rows.length === 0) {
    list = (
      <div className="rounded-lg border border-dashed border-line bg-white px-6 py-10 text-center">
        <p className="font-medium">{query ? t(`types.${type}.noMatch`, { query }) : t(`types.${type}.empty`)}</p>
        {query ? null : <p className="mt-1 text-sm text-muted">{t(`types.${type}.emptyHint`)}</p>}
      </div>
    );
  } else if (data.type === "person") {
    const persons = data.rows;
    const joined = (values: string[]) => (values.length > 0 ? values.join(", ") : none);
    list = (
      <>
        <RecordTable
          caption={caption}
          rows={persons}
          columns={[
            { header: t("fields.name"), cell: (row) => <TitleLink type="person" id={row.id} label={row.name} withAvatar />, className: "w-[34%]" },
            { header: t("fields.phones"), cell: (row) => joined(row.phones) },
            { header: t("fields.emails"), cell: (row) => joined(row.emails) },
            { header: t("fields.created"), cell: created, className: "w-36" },
          ]}
        />
        <RecordCards
          label={caption}
          rows={persons}
          render={(row) => (
            <>
              <TitleLink type="person" id={row.id} label={row.name} withAvatar />
              <p className="mt-1 truncate pl-8 text-xs text-muted">{[...row.phones, ...row.emails].join(" · ") || t("detail.noPhones")}</p>
            </>
          )}
        />
      </>
    );
  } else if (data.type === "lead") {
    const leads = data.rows;
    list = (
      <>
        <RecordTable
          caption={caption}
          rows={leads}
          columns={[
            { header: t("fields.title"), cell: (row) => <TitleLink type="lead" id={row.id} label={row.title} />, className: "w-[45%]" },
            { header: t("fields.person"), cell: (row) => person(row) ?? none },
            { header: t("fields.created"), cell: created, className: "w-36" },
          ]}
        />
        <RecordCards
          label={caption}
          rows={leads}
          render={(row) => (
            <>
              <TitleLink type="lead" id={row.id} label={row.title} />
              <p className="mt-1 truncate text-xs text-muted">
                {person(row) ?? t("detail.noPerson")} · {format.dateTime(row.createdAt, { dateStyle: "medium" })}
              </p>
            </>
          )}
        />
      </>
    );
  } else {
    const deals = data.rows;
    const value = (row: Deal) => format.number(Number(row.value), { style: "currency", currency: row.currency });
    list = (
      <>
        <RecordTable
          caption={caption}
          rows={deals}
          columns={[
            { header: t("fields.title"), cell: (row) => <TitleLink type="deal" id={row.id} label={row.title} />, className: "w-[32%]" },
            { header: t("fields.value"), cell: (row) => <span className="tabular-nums">{value(row)}</span>, className: "w-40 text-right" },
            { header: t("fields.stage"), cell: (row) => <StageBadge stage={row.stage} />, className: "w-40" },
            { header: t("fields.person"), cell: (row) => person(row) ?? none },
          ]}
        />
        <RecordCards
          label={caption}
          rows={deals}
          render={(row) => (
            <>
              <div className="flex items-start justify-between gap-3">
                <TitleLink type="deal" id={row.id} label={row.title} />
                <span className="shrink-0 text-sm font-medium tabular-nums">{value(row)}</span>
              </div>
              <div className="mt-1 flex min-w-0 items-center gap-2 text-xs text-muted">
                <StageBadge stage={row.stage} />
                <span className="truncate">{person(row) ?? t("detail.noPerson")}</span>
              </div>
            </>
          )}
        />
      </>
    );
  }

  return (
    <main className="h-full overflow-y-auto">
      <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-5 md:px-6">
        <CrmTabs active={type} />
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-lg font-semibold">{t(`types.${type}.many`)}</h1>
          <NewRecordButton type={type} />
        </div>
        <form role="search" action={RECORD_LIST_PATHS[type]} className="flex flex-wrap items-center gap-2">
          <label htmlFor={`${type}-search`} className="sr-only">
            {t(`types.${type}.search`)}
          </label>
          <input
            id={`${type}-search`}
            type="search"
            name="q"
            defaultValue={query}
            maxLength={200}
            placeholder={t(`types.${type}.searchPlaceholder`)}
            className="w-full min-w-0 flex-1 rounded-md border border-line bg-white px-3 py-1.5 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 sm:max-w-xs"
          />
          <button type="submit" className={buttonClasses("secondary")}>
            {t("list.search")}
          </button>
          {query ? (
            <Link href={RECORD_LIST_PATHS[type]} className="text-sm text-brand-600 hover:underline">
              {t("list.clearSearch")}
            </Link>
          ) : null}
        </form>
        {list}
        {!isFirstPage || nextCursor ? (
          <nav aria-label={t("list.pages")} className="flex items-center justify-between gap-2">
            {!isFirstPage ? (
              <Link href={listHref(type, query)} className={buttonClasses("ghost")}>
                {t("list.firstPage")}
              </Link>
            ) : (
              <span />
            )}
            {nextCursor ? (
              <Link href={listHref(type, query, nextCursor)} className={buttonClasses("secondary")}>
                {t("list.nextPage")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </div>
    </main>
  );
}
