"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { linkRecordAction, unlinkRecordAction } from "@/app/(app)/crm/actions";
import { Button } from "@/components/ui/button";
import type { RecordSummary } from "@/lib/crm/records";
import type { RecordType } from "@/lib/record-types";
import type { RecordDraft } from "./drafts";
import type { ActionResult } from "@/lib/result";
import { RecordCombobox } from "./record-combobox";
import { recordHref } from "@/lib/paths";
import { RefusalAlert } from "@/components/ui/refusal-alert";

// Loaded when "create" is picked: the form's validation (zod and the CRM schemas) is most of
// its weight and the inbox's first load should not carry it (issue 13, ≤ 150 kB).
const RecordForm = dynamic(() => import("./record-form").then((module) => module.RecordForm));

const smallButton = "px-2 py-1 text-xs";

/** One of the panel's person / lead / deal sections. */
export function PanelSection({
  conversationId,
  type,
  linked,
  draft,
  details,
}: {
  conversationId: string;
  type: RecordType;
  linked: RecordSummary | null;
  draft: RecordDraft;
  /** What the panel shows of the linked record beyond its name (a deal's stage and value). */
  details?: React.ReactNode;
}) {
  const t = useTranslations("crm");
  const tCommon = useTranslations("common");
  const router = useRouter();
  const headingId = useId();
  const [mode, setMode] = useState<"idle" | "link" | "create">("idle");
  const [refusal, setRefusal] = useState<Extract<ActionResult, { ok: false }> | null>(null);
  const [pending, startTransition] = useTransition();

  const open = (next: typeof mode) => {
    setRefusal(null);
    setMode(next);
  };
  // A refusal can mean someone else changed the links meanwhile, so the panel reloads either way.
  const run = (action: () => Promise<ActionResult>) =>
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        setRefusal(null);
        setMode("idle");
      } else {
        setRefusal(result);
      }
      router.refresh();
    });

  return (
    <section aria-labelledby={headingId} className="border-b border-line px-4 py-3">
      <div className="flex min-h-7 items-center justify-between gap-2">
        <h3 id={headingId} className="text-sm font-semibold">
          {t(`types.${type}.one`)}
        </h3>
        {!linked && mode === "idle" ? (
          <div className="-mr-2 flex gap-0.5">
            <Button variant="ghost" className={smallButton} onClick={() => open("link")}>
              {t("panel.link")}
            </Button>
            <Button variant="ghost" className={smallButton} onClick={() => open("create")}>
              {t("panel.create")}
            </Button>
          </div>
        ) : !linked && mode === "link" ? (
          <Button variant="ghost" className={`${smallButton} -mr-2`} onClick={() => open("idle")} disabled={pending}>
            {tCommon("cancel")}
          </Button>
        ) : null}
      </div>
      {refusal ? <RefusalAlert refusal={refusal} className="mt-2" /> : null}
      {linked ? (
        <div className="mt-2 rounded-md border border-line bg-canvas px-2.5 py-1.5">
          <div className="flex min-w-0 items-center gap-2">
          <Link href={recordHref(type, linked.id)} className="min-w-0 flex-1 truncate text-sm font-medium text-brand-600 hover:underline">
            {linked.label}
          </Link>
          <Button
            variant="ghost"
            className={`${smallButton} -mr-1.5 shrink-0 text-muted hover:text-danger`}
            disabled={pending}
            onClick={() => run(() => unlinkRecordAction({ conversationId, type }))}
          >
            {pending ? t("panel.unlinking") : t("panel.unlink")}
          </Button>
          </div>
          {details}
        </div>
      ) : mode === "link" ? (
        <div className="mt-1">
          <RecordCombobox
            type={type}
            label={t(`types.${type}.linkSearch`)}
            placeholder={t(`types.${type}.searchPlaceholder`)}
            autoFocus
            openOnFocus
            onPick={(record) => run(() => linkRecordAction({ conversationId, type, recordId: record.id }))}
            onEscape={() => open("idle")}
          />
        </div>
      ) : mode === "create" ? (
        <div className="mt-2">
          <RecordForm
            compact
            draft={draft}
            target={{ kind: "link", conversationId }}
            submitLabel={t("panel.createAndLink")}
            onCancel={() => open("idle")}
            onDone={() => {
              setMode("idle");
              router.refresh();
            }}
          />
        </div>
      ) : (
        <p className="mt-0.5 text-xs text-muted">{t(`types.${type}.notLinked`)}</p>
      )}
    </section>
  );
}
