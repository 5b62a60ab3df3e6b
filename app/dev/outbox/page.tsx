import { getDb } from "@/db/index";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getNow, getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { Logo } from "@/components/ui/logo";
import { requireUser } from "@/lib/auth/actor";
import { isOutboxShown, listOutboxEmails } from "@/lib/notifications/outbox";
import { HOME_PATH } from "@/lib/paths";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notifications.outbox");
  return { title: `${t("metaTitle")} · Switchboard` };
}

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ email?: string | string[] }> }) {
  const db = await getDb();
  if (!isOutboxShown()) notFound();
  await requireUser(db);
  const t = await getTranslations("notifications.outbox");
  const format = await getFormatter();
  const now = await getNow();
  const { email: requested } = await searchParams;
  const emails = await listOutboxEmails(db);
  const selected = emails.find((email) => email.id === requested) ?? emails[0] ?? null;

  return (
    <div className="flex h-dvh flex-col">
      <header className="flex h-14 shrink-0 items-center gap-3 border-b border-line bg-white px-4">
        <Logo className="h-7 w-7" />
        <h1 className="min-w-0 truncate font-semibold">{t("title")}</h1>
        <Link href={HOME_PATH} className="ml-auto shrink-0 text-sm text-brand-600 hover:underline">
          {t("backToInbox")}
        </Link>
      </header>
      <p className="shrink-0 border-b border-line bg-amber-50 px-4 py-2 text-sm text-amber-900">{t("description")}</p>

      {emails.length === 0 || !selected ? (
        <p className="m-auto max-w-sm p-6 text-center text-muted">{t("empty")}</p>
      ) : (
        <div className="flex min-h-0 flex-1 flex-col md:flex-row">
          <nav
            aria-label={t("list")}
            className="max-h-[40vh] shrink-0 overflow-y-auto border-b border-line bg-white md:max-h-none md:w-80 md:border-r md:border-b-0"
          >
            <p className="px-4 pt-3 pb-1 text-xs text-muted">{t("newest", { count: emails.length })}</p>
            <ul className="divide-y divide-line">
              {emails.map((email) => (
                <li key={email.id}>
                  <Link
                    href={`/dev/outbox?email=${email.id}`}
                    aria-current={email.id === selected.id ? "page" : undefined}
                    className={cn("block px-4 py-2.5 hover:bg-canvas", email.id === selected.id && "bg-brand-50 hover:bg-brand-50")}
                  >
                    <span className="flex items-baseline gap-2">
                      <span className="truncate text-sm font-medium">{email.subject}</span>
                      <time dateTime={email.createdAt.toISOString()} className="ml-auto shrink-0 text-xs text-muted">
                        {format.relativeTime(email.createdAt, now)}
                      </time>
                    </span>
                    <span className="block truncate text-xs text-muted">{email.to}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>

          <article
            aria-labelledby="outbox-subject"
            className="flex min-h-0 min-w-0 flex-1 flex-col gap-4 overflow-y-auto bg-canvas p-4 md:p-6"
          >
            <div>
              <h2 id="outbox-subject" className="text-lg font-semibold">
                {selected.subject}
              </h2>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
                <dt className="text-muted">{t("to")}</dt>
                <dd className="min-w-0 break-words">{selected.to}</dd>
                <dt className="text-muted">{t("from")}</dt>
                <dd className="min-w-0 break-words">{selected.from}</dd>
                <dt className="text-muted">{t("sentAt")}</dt>
                <dd>
                  <time dateTime={selected.createdAt.toISOString()}>
                    {format.dateTime(selected.createdAt, { dateStyle: "medium", timeStyle: "medium" })}
                  </time>
                </dd>
              </dl>
            </div>
            {/* sandbox="": the email's HTML runs no script and can't reach this page. */}
            <iframe
              sandbox=""
              srcDoc={selected.html}
              title={t("html", { subject: selected.subject })}
              className="h-[28rem] w-full shrink-0 rounded-lg border border-line bg-white"
            />
            <section aria-labelledby="outbox-text">
              <h3 id="outbox-text" className="mb-2 text-sm font-semibold">
                {t("text")}
              </h3>
              <pre className="overflow-x-auto rounded-lg border border-line bg-white p-4 font-mono text-xs leading-5 whitespace-pre-wrap">
                {selected.text}
              </pre>
            </section>
          </article>
        </div>
      )}
    </div>
  );
}
