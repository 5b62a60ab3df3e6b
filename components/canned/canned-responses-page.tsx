import { getTranslations } from "next-intl/server";
import type { CannedResponseRow } from "@/lib/canned/canned-responses";
import { CANNED_VARIABLES } from "@/lib/canned/canned-text";
import { CannedResponseEditor, NewCannedResponse } from "./canned-response-editor";

/** /settings/canned-responses (SPEC §13): the workspace's saved answers, used with `/` in the reply box. */
export async function CannedResponsesPage({ responses, canManage }: { responses: CannedResponseRow[]; canManage: boolean }) {
  const t = await getTranslations("canned");
  return (
    <main className="h-full overflow-y-auto">
      <div className="mx-auto flex max-w-5xl flex-col gap-5 px-4 py-5 md:px-8 md:py-7">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div className="min-w-0 max-w-xl">
            <h1 className="text-xl font-semibold">{t("title")}</h1>
            <p className="mt-1 text-sm text-muted">{canManage ? t("description") : t("memberDescription")}</p>
            <p className="mt-2 flex flex-wrap items-center gap-1.5 text-xs text-muted">
              {t("variables")}
              {CANNED_VARIABLES.map((variable) => (
                <code key={variable} className="rounded bg-canvas px-1.5 py-0.5 font-mono text-[11px] text-ink">{`{{${variable}}}`}</code>
              ))}
            </p>
          </div>
          {canManage ? <NewCannedResponse /> : null}
        </div>
        {responses.length === 0 ? (
          <p className="rounded-lg border border-dashed border-line bg-white px-4 py-10 text-center text-sm text-muted">
            {canManage ? t("emptyAdmin") : t("empty")}
          </p>
        ) : (
          <ul aria-label={t("listLabel")} className="divide-y divide-line rounded-lg border border-line bg-white">
            {responses.map((response) => (
              <li key={response.id} aria-label={`/${response.name}`}>
                <CannedResponseEditor response={response} canManage={canManage} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </main>
  );
}
