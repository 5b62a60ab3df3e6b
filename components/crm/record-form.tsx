"use client";

import { useTranslations } from "next-intl";
import { useActionState, useCallback } from "react";
import { createAndLinkRecordAction, saveDealAction, saveLeadAction, savePersonAction } from "@/app/(app)/crm/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { RecordSummary } from "@/lib/crm/records";
import { CURRENCIES, DEAL_STAGES, RECORD_SCHEMAS, type RecordInput } from "@/lib/crm/schemas";
import type { RecordType } from "@/lib/record-types";
import type { RecordDraft } from "./drafts";
import { useFormErrors } from "@/components/ui/use-form-errors";
import type { ActionResult } from "@/lib/result";
import { validate } from "./field-errors";
import { PersonPicker } from "./person-picker";
import { RefusalAlert } from "@/components/ui/refusal-alert";
import { SelectField } from "./form-fields";
import { useRequestClose } from "@/components/ui/dialog";

/** Where the form saves: a new record, an existing one, or a new one linked to a conversation. */
export type FormTarget = { kind: "create" } | { kind: "edit"; id: string } | { kind: "link"; conversationId: string };

type Texts = Record<string, string>;
type FormState = { texts: Texts; outcome: ActionResult<{ id: string }> | null };

/** Leads and deals point to a person; a person points to no one. */
function personOf(draft: RecordDraft): RecordSummary | null {
  return "person" in draft.values ? draft.values.person : null;
}

function textsOf(draft: RecordDraft): Texts {
  if (!("person" in draft.values)) return { ...draft.values };
  const { person, ...rest } = draft.values;
  return { ...rest, personId: person?.id ?? "" };
}

function readTexts(type: RecordType, form: FormData): Texts {
  return Object.fromEntries(Object.keys(RECORD_SCHEMAS[type].shape).map((name) => [name, String(form.get(name) ?? "")]));
}

type SaveAction<K extends RecordType> = (input: RecordInput<K> & { id?: string }) => Promise<ActionResult<{ id: string }>>;
const SAVE_ACTIONS: { [K in RecordType]: SaveAction<K> } = { person: savePersonAction, lead: saveLeadAction, deal: saveDealAction };

async function submit<K extends RecordType>(type: K, target: FormTarget, texts: Texts): Promise<ActionResult<{ id: string }>> {
  const checked = validate(RECORD_SCHEMAS[type], texts);
  if (!checked.ok) return checked;
  // TypeScript cannot follow a generic kind through zod, nor see that `type` and `input` agree.
  const input = checked.value as RecordInput<K>;
  if (target.kind !== "link") return SAVE_ACTIONS[type]({ ...input, id: target.kind === "edit" ? target.id : undefined });
  return createAndLinkRecordAction({ conversationId: target.conversationId, type, input } as Parameters<typeof createAndLinkRecordAction>[0]);
}

/**
 * Create or edit a person, lead or deal. The domain's schema checks the fields in the browser
 * first; the server checks again and its refusals are shown in the catalog's words.
 */
export function RecordForm({
  draft,
  target,
  submitLabel,
  onDone,
  onCancel,
  compact,
}: {
  draft: RecordDraft;
  target: FormTarget;
  submitLabel: string;
  onDone: (id: string) => void;
  onCancel: () => void;
  compact?: boolean;
}) {
  const t = useTranslations("crm");
  const tCommon = useTranslations("common");
  // In a dialog, Cancel asks before dropping changes; in the CRM panel it is onCancel itself.
  const cancel = useRequestClose(onCancel);
  const [state, action, pending] = useActionState<FormState, FormData>(
    async (_previous, form) => {
      const texts = readTexts(draft.type, form);
      return { texts, outcome: await submit(draft.type, target, texts) };
    },
    { texts: textsOf(draft), outcome: null },
  );
  const { texts, outcome } = state;
  const done = useCallback((value: { id: string }) => onDone(value.id), [onDone]);
  const { formRef, errors } = useFormErrors(outcome, done);
  const errorText = (field: string) => {
    const code = errors[field];
    if (!code) return null;
    return t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.invalid");
  };

  const person = personOf(draft);

  return (
    <form ref={formRef} action={action} noValidate className={compact ? "flex flex-col gap-3" : "flex flex-col gap-4"}>
      {outcome && !outcome.ok ? <RefusalAlert refusal={outcome} /> : null}
      {draft.type === "person" ? (
        <>
          <TextField label={t("fields.name")} name="name" defaultValue={texts.name} error={errorText("name")} maxLength={200} autoComplete="off" required />
          <TextField
            label={t("fields.phones")}
            name="phones"
            defaultValue={texts.phones}
            error={errorText("phones")}
            hint={t("fields.phonesHint")}
            inputMode="tel"
            autoComplete="off"
          />
          <TextField
            label={t("fields.emails")}
            name="emails"
            defaultValue={texts.emails}
            error={errorText("emails")}
            hint={t("fields.emailsHint")}
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
          />
        </>
      ) : (
        <>
          <TextField label={t("fields.title")} name="title" defaultValue={texts.title} error={errorText("title")} maxLength={200} autoComplete="off" required />
          {draft.type === "deal" ? (
            <>
              <div className="grid grid-cols-[minmax(0,1fr)_7rem] gap-3">
                <TextField
                  label={t("fields.value")}
                  name="value"
                  defaultValue={texts.value}
                  error={errorText("value")}
                  inputMode="decimal"
                  autoComplete="off"
                  required
                />
                <SelectField
                  label={t("fields.currency")}
                  name="currency"
                  defaultValue={texts.currency}
                  error={errorText("currency")}
                  options={CURRENCIES.map((currency) => ({ value: currency, label: currency }))}
                />
              </div>
              <SelectField
                label={t("fields.stage")}
                name="stage"
                defaultValue={texts.stage}
                error={errorText("stage")}
                options={DEAL_STAGES.map((stage) => ({ value: stage, label: t(`stages.${stage}`) }))}
              />
            </>
          ) : null}
          <PersonPicker name="personId" initial={person} error={errorText("personId")} />
        </>
      )}
      <div className={compact ? "flex flex-wrap gap-2" : "flex flex-wrap justify-end gap-2 border-t border-line pt-4"}>
        {compact ? null : (
          <Button variant="secondary" onClick={cancel} disabled={pending}>
            {tCommon("cancel")}
          </Button>
        )}
        <Button type="submit" disabled={pending}>
          {pending ? t("form.saving") : submitLabel}
        </Button>
        {compact ? (
          <Button variant="ghost" onClick={cancel} disabled={pending}>
            {tCommon("cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
