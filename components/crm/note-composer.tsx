"use client";

import { useTranslations } from "next-intl";
import { addNoteAction } from "@/app/(app)/crm/actions";
import type { RecordType } from "@/lib/record-types";
import { NoteEditor } from "./note-editor";

export function NoteComposer({ type, recordId }: { type: RecordType; recordId: string }) {
  const t = useTranslations("crm.notes");
  return (
    <NoteEditor
      label={t("add")}
      initialBody=""
      submitLabel={t("submit")}
      pendingLabel={t("adding")}
      save={(body) => addNoteAction({ type, recordId, body })}
    />
  );
}
