"use client";

import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { deleteCannedResponseAction, saveCannedResponseAction } from "@/app/(app)/settings/canned-responses/actions";
import { Button } from "@/components/ui/button";
import { Dialog, useRequestClose } from "@/components/ui/dialog";
import { firstErrorByField } from "@/components/ui/field-errors";
import { RefusalAlert, type ShownRefusal } from "@/components/ui/refusal-alert";
import type { CannedResponseRow } from "@/lib/canned/canned-responses";
import { CANNED_NAME_MAX, CANNED_TEXT_MAX } from "@/lib/canned/limits";
import { unknownVariables } from "@/lib/canned/canned-text";

const FIELD_CLASSES =
  "rounded-md border border-line bg-white px-3 py-2 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 aria-[invalid=true]:border-danger";

/** The dialog's form for a new or an existing response; closes itself after a save. */
function CannedResponseForm({ response, onDone }: { response: CannedResponseRow | null; onDone: () => void }) {
  const t = useTranslations("canned");
  const id = useId();
  const [name, setName] = useState(response?.name ?? "");
  const [text, setText] = useState(response?.text ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [isPending, startTransition] = useTransition();
  const unknown = unknownVariables(text);
  const cancel = useRequestClose(onDone);
  const errorText = (field: string) => (errors[field] ? (t.has(`errors.${errors[field]}`) ? t(`errors.${errors[field]}`) : t("errors.invalid")) : null);

  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        setRefusal(null);
        startTransition(async () => {
          const result = await saveCannedResponseAction({ id: response?.id, name, text });
          if (result.ok) return onDone();
          setErrors(firstErrorByField(result.fieldErrors));
          if (result.reason !== "invalid_input") setRefusal(result);
        });
      }}
    >
      {refusal ? <RefusalAlert refusal={refusal} /> : null}
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-name`} className="text-sm font-medium">
          {t("name")}
        </label>
        <div className="flex items-center rounded-md focus-within:ring-2 focus-within:ring-brand-100">
          <span aria-hidden="true" className="rounded-l-md border border-r-0 border-line bg-canvas px-2 py-2 font-mono text-sm text-muted">
            /
          </span>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(event) => setName(event.target.value)}
            maxLength={CANNED_NAME_MAX}
            required
            autoComplete="off"
            aria-invalid={errorText("name") ? true : undefined}
            aria-describedby={`${id}-name-hint`}
            className={`${FIELD_CLASSES} min-w-0 flex-1 rounded-l-none font-mono focus:ring-0`}
          />
        </div>
        <p id={`${id}-name-hint`} className={errorText("name") ? "text-xs text-danger" : "text-xs text-muted"}>
          {errorText("name") ?? t("nameHint")}
        </p>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-text`} className="text-sm font-medium">
          {t("text")}
        </label>
        <textarea
          id={`${id}-text`}
          value={text}
          onChange={(event) => setText(event.target.value)}
          maxLength={CANNED_TEXT_MAX}
          rows={5}
          required
          aria-invalid={errorText("text") ? true : undefined}
          aria-describedby={`${id}-text-hint`}
          className={`${FIELD_CLASSES} resize-y`}
        />
        <p id={`${id}-text-hint`} className={errorText("text") || unknown.length ? "text-xs text-danger" : "text-xs text-muted"}>
          {errorText("text") ??
            (unknown.length ? t("unknownVariables", { names: unknown.map((name) => `{{${name}}}`).join(", ") }) : t("textHint"))}
        </p>
      </div>
      <div className="flex justify-end gap-2 pt-1">
        <Button variant="secondary" onClick={cancel}>
          {t("cancel")}
        </Button>
        <Button type="submit" variant="success" disabled={isPending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}

export function NewCannedResponse() {
  const t = useTranslations("canned");
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t("new")}</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t("newTitle")} className="max-w-lg" guardUnsaved>
        <CannedResponseForm response={null} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

/** One response in the list; admins get Edit and Delete. */
export function CannedResponseEditor({ response, canManage }: { response: CannedResponseRow; canManage: boolean }) {
  const t = useTranslations("canned");
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [isPending, startTransition] = useTransition();
  return (
    <div className="flex items-start gap-4 px-4 py-3">
      <div className="min-w-0 flex-1">
        <p className="font-mono text-sm font-medium">/{response.name}</p>
        <p className="mt-0.5 line-clamp-3 whitespace-pre-wrap text-sm text-muted">{response.text}</p>
        {refusal ? <RefusalAlert refusal={refusal} onDismiss={() => setRefusal(null)} className="mt-2" /> : null}
      </div>
      {canManage ? (
        <div className="flex shrink-0 gap-1">
          <Button variant="ghost" onClick={() => setEditing(true)} aria-label={t("editNamed", { name: response.name })}>
            {t("edit")}
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(true)} aria-label={t("deleteNamed", { name: response.name })} className="text-danger">
            {t("delete")}
          </Button>
          <Dialog open={editing} onClose={() => setEditing(false)} title={t("editTitle")} className="max-w-lg" guardUnsaved>
            <CannedResponseForm response={response} onDone={() => setEditing(false)} />
          </Dialog>
          <Dialog open={confirming} onClose={() => setConfirming(false)} title={t("deleteTitle", { name: response.name })} description={t("deleteBody")}>
            <div className="flex justify-end gap-2 pt-1">
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                {t("cancel")}
              </Button>
              <Button
                variant="danger"
                disabled={isPending}
                onClick={() =>
                  startTransition(async () => {
                    const result = await deleteCannedResponseAction({ id: response.id });
                    setConfirming(false);
                    if (!result.ok) setRefusal(result);
                  })
                }
              >
                {t("delete")}
              </Button>
            </div>
          </Dialog>
        </div>
      ) : null}
    </div>
  );
}
