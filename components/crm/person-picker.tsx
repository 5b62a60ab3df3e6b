"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { RecordSummary } from "@/lib/crm/records";
import { RecordCombobox } from "./record-combobox";

/** The person of a lead or deal: a chosen person with a remove button, or a search for one. */
export function PersonPicker({
  name,
  initial,
  error,
}: {
  name: string;
  initial: RecordSummary | null;
  error?: string | null;
}) {
  const t = useTranslations("crm");
  const [person, setPerson] = useState(initial);
  const [focusSearch, setFocusSearch] = useState(false);

  return (
    <div className="flex min-w-0 flex-col gap-1">
      <input type="hidden" name={name} value={person?.id ?? ""} />
      {person ? (
        <>
          <span className="text-sm font-medium">{t("fields.person")}</span>
          <div className="flex min-w-0 items-center gap-2 rounded-md border border-line bg-canvas px-3 py-1.5">
            <span className="min-w-0 flex-1 truncate text-sm">{person.label}</span>
            <button
              type="button"
              aria-label={t("form.changePerson", { name: person.label })}
              onClick={() => {
                setPerson(null);
                setFocusSearch(true);
              }}
              className="-mr-1.5 shrink-0 rounded p-1 text-muted hover:bg-black/5 hover:text-ink"
            >
              <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5">
                <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
              </svg>
            </button>
          </div>
          {error ? <p className="text-xs text-danger">{error}</p> : null}
        </>
      ) : (
        <RecordCombobox
          type="person"
          label={t("fields.person")}
          hint={t("form.personHint")}
          placeholder={t("types.person.searchPlaceholder")}
          autoFocus={focusSearch}
          error={error}
          onPick={setPerson}
        />
      )}
    </div>
  );
}
