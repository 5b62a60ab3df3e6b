"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { deleteRecordAction } from "@/app/(app)/crm/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { RecordType } from "@/lib/record-types";
import { emptyDraft, type RecordDraft } from "./drafts";
import type { ActionResult } from "@/lib/result";
import { RecordForm } from "./record-form";
import { RefusalAlert } from "@/components/ui/refusal-alert";
import { RECORD_LIST_PATHS, recordHref } from "@/lib/paths";

function PlusIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5">
      <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

/** "New contact" and friends: the form in a dialog, then the new record's page. */
export function NewRecordButton({ type }: { type: RecordType }) {
  const t = useTranslations("crm");
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const title = t(`types.${type}.new`);
  return (
    <>
      <Button onClick={() => setIsOpen(true)} className="shrink-0">
        <PlusIcon />
        {title}
      </Button>
      <Dialog open={isOpen} onClose={() => setIsOpen(false)} title={title} guardUnsaved>
        <RecordForm
          draft={emptyDraft(type)}
          target={{ kind: "create" }}
          submitLabel={t("form.create")}
          onCancel={() => setIsOpen(false)}
          onDone={(id) => {
            setIsOpen(false);
            router.push(recordHref(type, id));
          }}
        />
      </Dialog>
    </>
  );
}

/** Edit and Delete on a record's page; deleting asks first, then returns to the list. */
export function RecordActions({ draft, id, label }: { draft: RecordDraft; id: string; label: string }) {
  const t = useTranslations("crm");
  const tCommon = useTranslations("common");
  const router = useRouter();
  const [dialog, setDialog] = useState<"edit" | "delete" | null>(null);
  const [refusal, setRefusal] = useState<Extract<ActionResult, { ok: false }> | null>(null);
  const [deleting, startDelete] = useTransition();
  const close = () => {
    setDialog(null);
    setRefusal(null);
  };

  const confirmDelete = () =>
    startDelete(async () => {
      const result = await deleteRecordAction({ type: draft.type, id });
      if (!result.ok) {
        setRefusal(result);
        return;
      }
      router.push(RECORD_LIST_PATHS[draft.type]);
    });

  return (
    <div className="flex shrink-0 gap-2">
      <Button variant="secondary" onClick={() => setDialog("edit")}>
        {t("detail.edit")}
      </Button>
      <Button variant="secondary" onClick={() => setDialog("delete")}>
        {t("detail.delete")}
      </Button>
      <Dialog open={dialog === "edit"} onClose={close} title={t(`types.${draft.type}.edit`)} guardUnsaved>
        <RecordForm
          draft={draft}
          target={{ kind: "edit", id }}
          submitLabel={t("form.save")}
          onCancel={close}
          onDone={() => {
            close();
            router.refresh();
          }}
        />
      </Dialog>
      <Dialog
        open={dialog === "delete"}
        onClose={close}
        title={t(`types.${draft.type}.deleteTitle`, { label })}
        description={<p>{t(`types.${draft.type}.deleteBody`)}</p>}
      >
        {refusal ? <RefusalAlert refusal={refusal} /> : null}
        <div className="flex flex-wrap justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={close} disabled={deleting}>
            {tCommon("cancel")}
          </Button>
          <Button variant="danger" onClick={confirmDelete} disabled={deleting}>
            {deleting ? t("detail.deleting") : t("detail.delete")}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
