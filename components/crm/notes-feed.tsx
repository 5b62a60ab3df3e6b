import Link from "next/link";
import { getFormatter, getNow, getTranslations } from "next-intl/server";
import { MessageText } from "@/components/inbox/message-text";
import { Avatar } from "@/components/ui/avatar";
import type { NotesPage, NoteWithAuthor } from "@/lib/crm/notes";
import type { RecordType } from "@/lib/record-types";
import { HistoryNoteContent, historyNotePlainText } from "./history-note";
import { NoteComposer } from "./note-composer";
import { NoteShell } from "./note-shell";
import { recordHref } from "@/lib/paths";

async function NoteItem({ note }: { note: NoteWithAuthor }) {
  const t = await getTranslations("crm.notes");
  const format = await getFormatter();
  const now = await getNow();
  const history = note.kind === "history" ? note.history : null;
  const author = history ? t("historyAuthor") : (note.authorName ?? t("deletedUser"));
  const headingId = `note-${note.id}`;
  const header = (
    <div className="flex min-w-0 items-center gap-2">
      {history ? (
        <span aria-hidden="true" className="inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-brand-50 text-brand-600">
          <svg viewBox="0 0 16 16" className="h-3.5 w-3.5">
            <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
          </svg>
        </span>
      ) : (
        <Avatar name={author} size="sm" />
      )}
      <p className="flex min-w-0 flex-wrap items-baseline gap-x-2 text-xs text-muted">
        <span id={headingId} className="truncate text-sm font-medium text-ink">
          {author}
        </span>
        <time dateTime={note.createdAt.toISOString()} title={format.dateTime(note.createdAt, { dateStyle: "full", timeStyle: "short" })}>
          {format.relativeTime(note.createdAt, now)}
        </time>
        {note.editedAt ? (
          <span title={t("editedAt", { date: format.dateTime(note.editedAt, { dateStyle: "medium", timeStyle: "short" }) })} className="rounded bg-canvas px-1.5 py-px text-[11px] font-medium text-muted">
            {t("edited")}
          </span>
        ) : null}
      </p>
    </div>
  );
  return (
    <li>
      <article aria-labelledby={headingId} className="rounded-lg border border-line bg-white px-4 py-3">
        <NoteShell noteId={note.id} editText={history ? await historyNotePlainText(history) : note.body} header={header}>
          {history ? (
            <HistoryNoteContent history={history} />
          ) : (
            <div className="text-sm">
              <MessageText text={note.body} />
            </div>
          )}
        </NoteShell>
      </article>
    </li>
  );
}

const pagerLink = "inline-flex items-center rounded-md px-2 py-1 text-sm font-medium text-brand-600 hover:bg-brand-50";

/**
 * A record's notes, newest first, a page at a time (lib/crm/notes.ts NOTES_PAGE_SIZE), with the
 * box for a new one on top. Older pages are links (`?notesBefore=`), so each render is bounded.
 */
export async function NotesFeed({
  type,
  recordId,
  page,
  isFirstPage,
}: {
  type: RecordType;
  recordId: string;
  page: NotesPage;
  isFirstPage: boolean;
}) {
  const t = await getTranslations("crm.notes");
  const { notes } = page;
  return (
    <section aria-labelledby="notes-heading" className="flex min-w-0 flex-col gap-3">
      <h2 id="notes-heading" className="text-sm font-semibold">
        {t("title")}
      </h2>
      <div className="rounded-lg border border-line bg-white p-3">
        <NoteComposer type={type} recordId={recordId} />
      </div>
      {!isFirstPage ? (
        <Link href={recordHref(type, recordId)} scroll={false} className={`${pagerLink} self-start`}>
          {t("showNewest")}
        </Link>
      ) : null}
      {notes.length > 0 ? (
        <ol className="flex flex-col gap-3">
          {notes.map((note) => (
            <NoteItem key={note.id} note={note} />
          ))}
        </ol>
      ) : (
        <p className="px-1 py-4 text-sm text-muted">{t(isFirstPage ? "empty" : "noOlder")}</p>
      )}
      {page.olderCursor ? (
        <Link href={`${recordHref(type, recordId)}?notesBefore=${page.olderCursor}`} scroll={false} className={`${pagerLink} self-center`}>
          {t("showOlder")}
        </Link>
      ) : null}
    </section>
  );
}
