"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { contactNameForCanned, fillCannedText, matchCannedResponses, slashCommandAt } from "@/lib/canned/canned-text";

type Response = { id: string; name: string; text: string };
type Loaded = { responses: Response[]; companyName: string };

/** One load per page: the list changes rarely, and a reload of the page picks up edits. */
let loading: Promise<Loaded> | null = null;
function loadCanned(): Promise<Loaded> {
  loading ??= fetch("/api/canned-responses", { cache: "no-store" })
    .then((response) => (response.ok ? (response.json() as Promise<Loaded>) : Promise.reject(new Error(String(response.status)))))
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}

/**
 * SPEC §13: `/` followed by letters in the reply box offers matching canned responses; Up and
 * Down choose, Enter or Tab inserts the text with its variables filled, Escape closes. The
 * reply box hands over its text, caret and keys; everything else lives here.
 */
export function useCannedPicker({
  draft,
  setDraft,
  textarea,
  contactName,
  agentName,
}: {
  draft: string;
  setDraft: (value: string) => void;
  textarea: React.RefObject<HTMLTextAreaElement | null>;
  contactName: string;
  agentName: string;
}) {
  const [caret, setCaret] = useState<number | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const command = caret === null ? null : slashCommandAt(draft, caret);
  const isOpen = command !== null && dismissedAt !== command.start;
  const matches = isOpen && loaded ? matchCannedResponses(loaded.responses, command.typed) : [];
  const shownActive = Math.min(active, Math.max(matches.length - 1, 0));

  useEffect(() => {
    if (isOpen && !loaded) loadCanned().then(setLoaded, () => {});
  }, [isOpen, loaded]);

  const track = useCallback((element: HTMLTextAreaElement) => {
    const at = element.selectionStart === element.selectionEnd ? element.selectionStart : null;
    setCaret(at);
    setActive(0);
    if (at === null || !slashCommandAt(element.value, at)) setDismissedAt(null);
  }, []);

  const insert = (response: Response) => {
    if (!command || !loaded || caret === null) return;
    const filled = fillCannedText(response.text, { "contact.name": contactNameForCanned(contactName), "agent.name": agentName, "company.name": loaded.companyName });
    const next = draft.slice(0, command.start) + filled + draft.slice(caret);
    const at = command.start + filled.length;
    setDraft(next);
    setCaret(at);
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(at, at);
    });
  };

  /** True when the picker took the key; the reply box then does nothing with it. */
  const handleKey = (event: React.KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!isOpen || event.nativeEvent.isComposing) return false;
    if (event.key === "Escape") {
      event.preventDefault();
      setDismissedAt(command.start);
      return true;
    }
    if (!loaded) return event.key === "Enter" ? (event.preventDefault(), true) : false;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (matches.length === 0) return false;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((shownActive + step + matches.length) % matches.length);
      return true;
    }
    if ((event.key === "Enter" && !event.shiftKey) || event.key === "Tab") {
      const chosen = matches[shownActive];
      if (!chosen) {
        // `/word` with no match: Enter closes the picker rather than sending "/word" to the customer.
        if (event.key === "Tab") return false;
        event.preventDefault();
        setDismissedAt(command.start);
        return true;
      }
      event.preventDefault();
      insert(chosen);
      return true;
    }
    return false;
  };

  const picker = isOpen ? (
    <CannedPickerList loaded={loaded} typed={command.typed} matches={matches} active={shownActive} onChoose={insert} onHover={setActive} />
  ) : null;
  return { track, handleKey, picker };
}

function CannedPickerList({
  loaded,
  typed,
  matches,
  active,
  onChoose,
  onHover,
}: {
  loaded: Loaded | null;
  typed: string;
  matches: Response[];
  active: number;
  onChoose: (response: Response) => void;
  onHover: (index: number) => void;
}) {
  const t = useTranslations("canned.picker");
  const id = useId();
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.scrollIntoView({ block: "nearest" });
  }, [active]);
  return (
    <div className="absolute right-0 bottom-full left-0 z-20 mb-1 overflow-hidden rounded-lg border border-line bg-white shadow-lg">
      <p id={`${id}-hint`} className="border-b border-line bg-canvas px-3 py-1.5 text-xs text-muted">
        {!loaded ? t("loading") : matches.length === 0 ? t("none", { typed }) : t("hint")}
      </p>
      {matches.length > 0 ? (
        <ul ref={list} role="listbox" aria-label={t("label")} aria-describedby={`${id}-hint`} className="max-h-60 overflow-y-auto py-1">
          {matches.map((response, index) => (
            <li
              key={response.id}
              role="option"
              aria-selected={index === active}
              // Keeps the caret in the reply box, so the insert lands where the user typed.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onChoose(response)}
              onMouseEnter={() => onHover(index)}
              className={cn("flex cursor-pointer gap-3 px-3 py-1.5 text-sm", index === active && "bg-brand-50")}
            >
              <span className="shrink-0 font-mono font-medium">/{response.name}</span>
              <span className="min-w-0 truncate text-muted">{response.text}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
