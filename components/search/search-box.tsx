"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { SEARCH_MAX_LENGTH } from "@/lib/search/search-query";
import { SEARCH_PATH, searchHref } from "@/lib/paths";

/** The search box of SPEC §13 above every list; the `/` shortcut focuses it (lib/keyboard). */
export function SearchBox({ initial }: { initial: string }) {
  const t = useTranslations("search");
  const router = useRouter();
  const id = useId();
  const [text, setText] = useState(initial);
  const [shownInitial, setShownInitial] = useState(initial);
  // A new search in the URL (back, forward, a link) shows its words in the box.
  if (shownInitial !== initial) {
    setShownInitial(initial);
    setText(initial);
  }
  return (
    <form
      role="search"
      action={SEARCH_PATH}
      onSubmit={(event) => {
        event.preventDefault();
        const q = text.trim();
        router.push(searchHref(q));
      }}
    >
      <label htmlFor={id} className="sr-only">
        {t("label")}
      </label>
      <div className="relative">
        <svg viewBox="0 0 16 16" aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 h-3.5 w-3.5 -translate-y-1/2 text-muted">
          <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M10.5 10.5L14 14" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
        <input
          id={id}
          type="search"
          name="q"
          data-search-box=""
          value={text}
          maxLength={SEARCH_MAX_LENGTH}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape") event.currentTarget.blur();
          }}
          placeholder={t("placeholder")}
          autoComplete="off"
          className="w-full rounded-md border border-line bg-canvas py-1.5 pr-8 pl-8 text-sm outline-none placeholder:text-muted/80 focus:border-brand-500 focus:bg-white focus:ring-2 focus:ring-brand-100"
        />
        <kbd aria-hidden="true" className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded border border-line bg-white px-1 text-[10px] text-muted">
          /
        </kbd>
      </div>
    </form>
  );
}
