"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { searchRecordsAction } from "@/app/(app)/crm/actions";
import { cn } from "@/components/ui/cn";
import type { RecordType } from "@/lib/record-types";
import type { RecordSummary } from "@/lib/crm/records";

const SEARCH_DELAY_MS = 250;

/**
 * Search the workspace's records by name as you type (WAI-ARIA combobox with a listbox):
 * arrow keys move, Enter picks, Escape closes. Only the newest search's answer is shown.
 */
export function RecordCombobox({
  type,
  label,
  hint,
  placeholder,
  autoFocus,
  openOnFocus,
  error,
  onPick,
  onEscape,
}: {
  type: RecordType;
  label: string;
  hint?: string;
  placeholder?: string;
  autoFocus?: boolean;
  /** Show the first records as soon as the box is focused, before anything is typed. */
  openOnFocus?: boolean;
  error?: string | null;
  onPick: (record: RecordSummary) => void;
  onEscape?: () => void;
}) {
  const t = useTranslations("crm.combobox");
  const tAll = useTranslations();
  const id = useId();
  const listId = `${id}-list`;
  const [query, setQuery] = useState("");
  const [isOpen, setIsOpen] = useState(false);
  const [results, setResults] = useState<RecordSummary[] | null>(null);
  const [active, setActive] = useState(-1);
  const [refusal, setRefusal] = useState<string | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    if (!isOpen) return;
    const request = ++latest.current;
    const timer = setTimeout(async () => {
      const result = await searchRecordsAction({ type, query: query.trim().slice(0, 200) });
      if (request !== latest.current) return;
      if (result.ok) {
        setResults(result.value);
        setRefusal(null);
      } else {
        setResults([]);
        setRefusal(result.reason);
      }
      setActive(-1);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [type, query, isOpen]);

  const pick = (record: RecordSummary) => {
    setIsOpen(false);
    setQuery("");
    setResults(null);
    onPick(record);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    const count = results?.length ?? 0;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!isOpen) {
        setIsOpen(true);
        return;
      }
      if (count === 0) return;
      setActive((current) => (event.key === "ArrowDown" ? (current + 1) % count : (current - 1 + count) % count));
    } else if (event.key === "Enter") {
      // Enter never submits the surrounding form from here: it picks, or does nothing.
      event.preventDefault();
      const record = results?.[active] ?? (count === 1 ? results?.[0] : undefined);
      if (isOpen && record) pick(record);
    } else if (event.key === "Escape") {
      if (isOpen) {
        event.preventDefault();
        event.stopPropagation();
        setIsOpen(false);
      } else if (onEscape) {
        event.preventDefault();
        event.stopPropagation();
        onEscape();
      }
    }
  };

  const isSearching = isOpen && results === null;
  const status = refusal
    ? tAll.has(`refusals.${refusal}`)
      ? tAll(`refusals.${refusal}`)
      : tAll("common.unknownError")
    : isSearching
      ? t("searching")
      : results && results.length === 0
        ? t("noResults")
        : results
          ? t("results", { count: results.length })
          : "";
  const describedBy = [error ? `${id}-error` : hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;

  const hintOrError = error ? (
    <p id={`${id}-error`} className="text-xs text-danger">
      {error}
    </p>
  ) : hint ? (
    <p id={`${id}-hint`} className="text-xs text-muted">
      {hint}
    </p>
  ) : null;

  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <div className="relative">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={isOpen}
          aria-controls={listId}
          aria-activedescendant={isOpen && active >= 0 ? `${id}-option-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          autoFocus={autoFocus}
          placeholder={placeholder}
          value={query}
          maxLength={200}
          onChange={(event) => {
            setQuery(event.target.value);
            setResults(null);
            setIsOpen(true);
          }}
          onFocus={() => setIsOpen(openOnFocus === true)}
          onBlur={() => setIsOpen(false)}
          onKeyDown={onKeyDown}
          className="w-full rounded-md border border-line bg-white px-3 py-2 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 aria-[invalid=true]:border-danger"
        />
        <div
          // Floating, so closing it on blur never moves the buttons below while they are being clicked.
          className={cn("absolute left-0 right-0 top-full z-30 mt-1 rounded-lg border border-line bg-white p-1 shadow-lg", !isOpen && "hidden")}
        >
          <ul id={listId} role="listbox" aria-label={label} className="max-h-60 overflow-y-auto">
            {(results ?? []).map((record, index) => (
              <li
                key={record.id}
                id={`${id}-option-${index}`}
                role="option"
                aria-selected={index === active}
                // mousedown, not click: the input's blur would close the list before a click lands.
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(record);
                }}
                onMouseEnter={() => setActive(index)}
                className={cn("cursor-pointer truncate rounded-md px-2.5 py-1.5 text-sm", index === active && "bg-brand-50 text-brand-700")}
              >
                {record.label}
              </li>
            ))}
          </ul>
          <p role="status" className={cn("px-2.5 py-1.5 text-xs text-muted", results && results.length > 0 && !refusal && "sr-only")}>
            {status}
          </p>
        </div>
      </div>
      {hintOrError}
    </div>
  );
}
