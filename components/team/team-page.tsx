import { getFormatter, getTranslations } from "next-intl/server";
import type { TeamRow } from "@/lib/team/team-list";
import { InviteButton } from "./invite-dialog";
import { TeamRowActions } from "./team-row-actions";

const STATUS_STYLES: Record<TeamRow["status"], string> = {
  active: "bg-emerald-50 text-emerald-800",
  invited: "bg-amber-50 text-amber-900",
  deactivated: "bg-slate-100 text-slate-600",
};

/** /settings/team (spec §12): everyone in the workspace, then pending invitations. */
export async function TeamPage({ rows, actorId }: { rows: TeamRow[]; actorId: string }) {
  const t = await getTranslations("team");
  const format = await getFormatter();
  const now = new Date();
  return (
    <main className="h-full overflow-y-auto">
      <div className="mx-auto flex max-w-5xl flex-col gap-5 px-4 py-5 md:px-8 md:py-7">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div className="min-w-0 max-w-xl">
            <h1 className="text-xl font-semibold">{t("title")}</h1>
            <p className="mt-1 text-sm text-muted">{t("description")}</p>
          </div>
          <InviteButton />
        </div>
        <div className="rounded-lg border border-line bg-white">
          <table className="w-full text-sm">
            <thead className="border-b border-line bg-canvas text-left text-xs uppercase tracking-wide text-muted">
              <tr>
                <th scope="col" className="px-4 py-2 font-semibold">{t("columns.name")}</th>
                <th scope="col" className="hidden px-3 py-2 font-semibold sm:table-cell">{t("columns.role")}</th>
                <th scope="col" className="px-3 py-2 font-semibold">{t("columns.status")}</th>
                <th scope="col" className="hidden px-3 py-2 font-semibold md:table-cell">{t("columns.availability")}</th>
                <th scope="col" className="hidden px-3 py-2 font-semibold md:table-cell">{t("columns.lastSignIn")}</th>
                <th scope="col" className="px-3 py-2 text-right font-semibold">
                  <span className="sr-only">{t("columns.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {rows.map((row) => {
                const label = row.name ?? row.email;
                return (
                  <tr key={`${row.kind}-${row.id}`} aria-label={label} className={row.status === "deactivated" ? "text-muted" : undefined}>
                    <td className="px-4 py-2.5 align-top sm:align-middle">
                      <div className="font-medium">
                        {row.name ?? row.email}
                        {row.id === actorId ? <span className="ml-1.5 text-xs font-normal text-muted">({t("you")})</span> : null}
                      </div>
                      {row.name ? <div className="break-all text-xs text-muted">{row.email}</div> : null}
                      {/* Narrow screens fold the role column into the name cell. */}
                      <div className="text-xs text-muted sm:hidden">{t(`roles.${row.role}`)}</div>
                      {row.expiresAt ? (
                        <div className="text-xs text-muted">
                          {row.expiresAt > now ? t("expires", { date: format.dateTime(row.expiresAt, { dateStyle: "medium" }) }) : t("expired")}
                        </div>
                      ) : null}
                    </td>
                    <td className="hidden px-3 py-2.5 sm:table-cell">{t(`roles.${row.role}`)}</td>
                    <td className="px-3 py-2.5">
                      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLES[row.status]}`}>{t(`status.${row.status}`)}</span>
                    </td>
                    <td className="hidden px-3 py-2.5 md:table-cell">
                      {row.isAvailable === null || row.status !== "active" ? (
                        <span className="text-muted">—</span>
                      ) : (
                        <span className="inline-flex items-center gap-1.5">
                          <span
                            aria-hidden="true"
                            className={row.isAvailable ? "h-2 w-2 rounded-full bg-success" : "h-2 w-2 rounded-full border border-slate-400"}
                          />
                          {row.isAvailable ? t("available") : t("unavailable")}
                        </span>
                      )}
                    </td>
                    <td className="hidden px-3 py-2.5 tabular-nums md:table-cell">
                      {row.kind === "invitation" ? (
                        <span className="text-muted">—</span>
                      ) : row.lastSignInAt ? (
                        <time dateTime={row.lastSignInAt.toISOString()} title={format.dateTime(row.lastSignInAt, { dateStyle: "medium", timeStyle: "short" })}>
                          {format.relativeTime(row.lastSignInAt, now)}
                        </time>
                      ) : (
                        <span className="text-muted">{t("never")}</span>
                      )}
                    </td>
                    <td className="py-2.5 pl-2 pr-3 text-right">
                      <TeamRowActions row={{ kind: row.kind, id: row.id, label, role: row.role, status: row.status, email: row.email }} isSelf={row.id === actorId} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </main>
  );
}
