"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { deleteNoteAction, editNoteAction } from "@/app/(app)/crm/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/result";
import { NoteEditor } from "./note-editor";
import { RefusalAlert } from "@/components/ui/refusal-alert";

/**
 * The interactive part of one note: Edit swaps the server-rendered content for an editor
 * prefilled with the note as plain text (a history note becomes the editor's own text),
 * Delete asks first.
 */
export function NoteShell({
  noteId,
  editText,
  header,
  children,
}: {
  noteId: string;
  editText: string;
  header: React.ReactNode;
  children: React.ReactNode;
}) {
  const t = useTranslations("crm.notes");
  const tCommon = useTranslations("common");
  const tForm = useTranslations("crm.form");
  const [isEditing, setIsEditing] = useState(false);
  const [isConfirming, setIsConfirming] = useState(false);
  const [refusal, setRefusal] = useState<Extract<ActionResult, { ok: false }> | null>(null);
  const [deleting, startDelete] = useTransition();

  const confirmDelete = () =>
    startDelete(async () => {
      const result = await deleteNoteAction({ noteId });
      if (result.ok) setIsConfirming(false);
      else setRefusal(result);
    });

  return (
    <>
      <div className="flex min-w-0 items-start gap-2">
        <div className="min-w-0 flex-1">{header}</div>
        {isEditing ? null : (
          <div className="-mr-1.5 -mt-1 flex shrink-0">
            <Button variant="ghost" aria-label={t("editLabel")} className="px-2 py-1 text-xs text-muted" onClick={() => setIsEditing(true)}>
              {t("edit")}
            </Button>
            <Button
              variant="ghost"
              aria-label={t("deleteLabel")}
              className="px-2 py-1 text-xs text-muted hover:text-danger"
              onClick={() => {
                setRefusal(null);
                setIsConfirming(true);
              }}
            >
              {t("delete")}
            </Button>
          </div>
        )}
      </div>
      <div className="mt-2">
        {isEditing ? (
          <NoteEditor
            label={t("editLabel")}
            initialBody={editText}
            submitLabel={t("save")}
            pendingLabel={tForm("saving")}
            autoFocus
            save={(body) => editNoteAction({ noteId, body })}
            onSaved={() => setIsEditing(false)}
            onCancel={() => setIsEditing(false)}
          />
        ) : (
          children
        )}
      </div>
      <Dialog
        open={isConfirming}
        onClose={() => setIsConfirming(false)}
        title={t("deleteTitle")}
        description={<p>{t("deleteBody")}</p>}
      >
        {refusal ? <RefusalAlert refusal={refusal} /> : null}
        <div className="flex flex-wrap justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={() => setIsConfirming(false)} disabled={deleting}>
            {tCommon("cancel")}
          </Button>
          <Button variant="danger" onClick={confirmDelete} disabled={deleting}>
            {t("delete")}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
