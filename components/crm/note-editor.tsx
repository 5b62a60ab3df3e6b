"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { NOTE_MAX_LENGTH, noteBodySchema } from "@/lib/crm/schemas";
import { useFormErrors } from "@/components/ui/use-form-errors";
import type { ActionResult } from "@/lib/result";
import { validate } from "./field-errors";
import { RefusalAlert } from "@/components/ui/refusal-alert";

/**
 * A note's text box with a live character count against the 10,000-character limit; the
 * domain's schema checks it before the action is called.
 */
export function NoteEditor({
  label,
  initialBody,
  submitLabel,
  pendingLabel,
  autoFocus,
  save,
  onSaved,
  onCancel,
}: {
  label: string;
  initialBody: string;
  submitLabel: string;
  pendingLabel: string;
  autoFocus?: boolean;
  save: (body: string) => Promise<ActionResult>;
  onSaved?: () => void;
  onCancel?: () => void;
}) {
  const t = useTranslations("crm.notes");
  const tCrm = useTranslations("crm");
  const tCommon = useTranslations("common");
  const id = useId();
  const [body, setBody] = useState(initialBody);
  const [outcome, action, pending] = useActionState<ActionResult | null, FormData>(async () => {
    const checked = validate(noteBodySchema, body);
    const result = checked.ok ? await save(checked.value) : checked;
    if (result.ok) {
      setBody("");
      onSaved?.();
    }
    return result;
  }, null);

  // The browser's check reports the body itself ("_"); the action's reports its "body" field.
  const { formRef, errors: fieldErrors } = useFormErrors(outcome);
  const code = fieldErrors._ ?? fieldErrors.body;
  const error = code ? (t.has(`errors.${code}`) ? t(`errors.${code}`, { max: NOTE_MAX_LENGTH }) : tCrm("errors.invalid")) : null;
  const length = body.trim().length;
  const isOver = length > NOTE_MAX_LENGTH;
  const refusal = outcome && !outcome.ok && !code ? outcome : null;

  return (
    <form ref={formRef} action={action} noValidate className="flex flex-col gap-2">
      {refusal ? <RefusalAlert refusal={refusal} /> : null}
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <textarea
        id={id}
        name="body"
        value={body}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape" && onCancel) {
            event.preventDefault();
            onCancel();
          }
        }}
        rows={Math.min(14, Math.max(3, initialBody.split("\n").length + 1))}
        placeholder={t("placeholder")}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error ${id}-count` : `${id}-count`}
        className="w-full resize-y rounded-md border border-line bg-white px-3 py-2 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 aria-[invalid=true]:border-danger"
      />
      <div className="flex flex-wrap items-center gap-2">
        <p id={`${id}-count`} className={cn("text-xs tabular-nums", isOver ? "font-medium text-danger" : "text-muted")}>
          {t("counter", { count: length, max: NOTE_MAX_LENGTH })}
        </p>
        {error ? (
          <p id={`${id}-error`} className="text-xs text-danger">
            {error}
          </p>
        ) : null}
        <div className="ml-auto flex gap-2">
          {onCancel ? (
            <Button variant="ghost" onClick={onCancel} disabled={pending}>
              {tCommon("cancel")}
            </Button>
          ) : null}
          <Button type="submit" disabled={pending}>
            {pending ? pendingLabel : submitLabel}
          </Button>
        </div>
      </div>
    </form>
  );
}
