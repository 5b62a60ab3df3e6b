"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState, useTransition } from "react";
import { addNoteAction } from "@/app/(app)/messaging/note-actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { RefusalAlert, type ShownRefusal } from "@/components/ui/refusal-alert";
import { NOTE_MAX_CHARS, noteLength } from "@/db/note-detail";
import { activeMentionQuery, matchMentionables, type Mentionable } from "./mention-picker";

/** The counter appears once a note uses this share of its limit. */
const COUNTER_FROM = 0.9;

/**
 * The reply box's Private note mode (spec §13): Enter adds the note, Shift+Enter is a new line,
 * "@" offers teammates with access to the app. Notes never reach the customer.
 */
export function NoteBox({ conversationId, mentionable }: { conversationId: string; mentionable: Mentionable[] }) {
  const t = useTranslations("notes");
  const id = useId();
  const [draft, setDraft] = useState("");
  const [mentioned, setMentioned] = useState<Mentionable[]>([]);
  const [picker, setPicker] = useState<{ start: number; query: string } | null>(null);
  const [highlighted, setHighlighted] = useState(0);
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [isPending, startTransition] = useTransition();
  const textarea = useRef<HTMLTextAreaElement>(null);

  const length = noteLength(draft);
  const isTooLong = length > NOTE_MAX_CHARS;
  const matches = picker ? matchMentionables(mentionable, picker.query) : [];
  const isPicking = picker !== null && matches.length > 0;

  const updatePicker = (text: string, caret: number) => {
    setPicker(activeMentionQuery(text, caret));
    setHighlighted(0);
  };

  const pick = (person: Mentionable) => {
    if (!picker) return;
    const caret = picker.start + 1 + picker.query.length;
    const inserted = `@${person.name} `;
    const next = draft.slice(0, picker.start) + inserted + draft.slice(caret);
    setDraft(next);
    setMentioned((current) => (current.some((known) => known.id === person.id) ? current : [...current, person]));
    setPicker(null);
    const position = picker.start + inserted.length;
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(position, position);
    });
  };

  const add = () => {
    if (length === 0 || isTooLong || isPending) return;
    const text = draft;
    // Only mentions whose "@Name" is still in the text: deleting it takes the mention back.
    const mentionedUserIds = mentioned.filter((person) => text.includes(`@${person.name}`)).map((person) => person.id);
    setRefusal(null);
    startTransition(async () => {
      try {
        const result = await addNoteAction({ conversationId, text, mentionedUserIds });
        if (!result.ok) {
          setRefusal(result);
          return;
        }
        setDraft((current) => (current === text ? "" : current));
        setMentioned([]);
      } catch (error) {
        // An outage, not a refusal: the note stays in the box.
        console.error(error);
        setRefusal({ reason: "unknown" });
      }
    });
  };

  const listboxId = `${id}-mentions`;
  return (
    <div className="flex flex-col gap-2">
      {refusal ? <RefusalAlert refusal={refusal} onDismiss={() => setRefusal(null)} /> : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
        className={cn(
          "relative rounded-lg border bg-amber-50/60 transition-colors focus-within:ring-2",
          isTooLong ? "border-danger focus-within:ring-red-100" : "border-amber-300 focus-within:border-amber-500 focus-within:ring-amber-100",
        )}
      >
        {isPicking ? (
          <ul
            id={listboxId}
            role="listbox"
            aria-label={t("mentionPicker")}
            className="absolute bottom-full left-2 z-30 mb-1 max-h-56 min-w-56 overflow-y-auto rounded-lg border border-line bg-white p-1 shadow-lg"
          >
            {matches.map((person, index) => (
              <li
                key={person.id}
                id={`${id}-mention-${person.id}`}
                role="option"
                aria-selected={index === highlighted}
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(person);
                }}
                className={cn("cursor-pointer rounded-md px-2.5 py-1.5 text-sm", index === highlighted ? "bg-brand-50 text-brand-700" : "hover:bg-canvas")}
              >
                {person.name}
              </li>
            ))}
          </ul>
        ) : null}
        <label htmlFor={id} className="sr-only">
          {t("label")}
        </label>
        <textarea
          ref={textarea}
          id={id}
          rows={1}
          value={draft}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={isPicking}
          aria-controls={isPicking ? listboxId : undefined}
          aria-activedescendant={isPicking && matches[highlighted] ? `${id}-mention-${matches[highlighted]!.id}` : undefined}
          aria-invalid={isTooLong || undefined}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            setDraft(event.target.value);
            updatePicker(event.target.value, event.target.selectionStart);
          }}
          onSelect={(event) => updatePicker(event.currentTarget.value, event.currentTarget.selectionStart)}
          onBlur={() => setPicker(null)}
          onKeyDown={(event) => {
            if (isPicking) {
              if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                event.preventDefault();
                const step = event.key === "ArrowDown" ? 1 : -1;
                setHighlighted((current) => (current + step + matches.length) % matches.length);
                return;
              }
              if (event.key === "Enter" || event.key === "Tab") {
                event.preventDefault();
                pick(matches[highlighted] ?? matches[0]!);
                return;
              }
              if (event.key === "Escape") {
                event.preventDefault();
                setPicker(null);
                return;
              }
            }
            if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
            event.preventDefault();
            add();
          }}
          placeholder={t("placeholder")}
          style={{ outline: "none" }}
          className="block max-h-[40dvh] min-h-10 w-full resize-none bg-transparent px-3 pt-2.5 pb-1 text-sm [field-sizing:content] placeholder:text-amber-900/50"
        />
        <div className="flex items-center gap-3 px-2 pb-2 pl-3">
          <p id={`${id}-hint`} className={cn("min-w-0 flex-1 text-xs", isTooLong ? "text-danger" : "text-amber-900/70")}>
            {isTooLong ? (
              t("tooLong", { limit: NOTE_MAX_CHARS })
            ) : length >= NOTE_MAX_CHARS * COUNTER_FROM ? (
              <span className="tabular-nums">{t("counter", { count: length, limit: NOTE_MAX_CHARS })}</span>
            ) : (
              t("hint")
            )}
          </p>
          <Button type="submit" disabled={length === 0 || isTooLong || isPending} className="shrink-0 bg-amber-600 px-4 hover:bg-amber-700">
            {t("add")}
          </Button>
        </div>
      </form>
    </div>
  );
}
