"use client";

import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { MAIN_CONTENT_ID } from "./main-content";

/** A view's or search's path with a conversation open (SPEC §10). */
const CONVERSATION_PATH = /^\/messaging\/[a-z]+\/[^/]+$/;

/**
 * The first stop of Tab on every signed-in page (issue 16 item 5): past the navigation to the
 * open conversation's thread where one is shown, else to the page's content. Without script the
 * link still moves to the content.
 */
export function SkipLink() {
  const t = useTranslations("nav");
  const isConversationOpen = CONVERSATION_PATH.test(usePathname());
  return (
    <a
      href={`#${MAIN_CONTENT_ID}`}
      onClick={(event) => {
        const thread = document.querySelector<HTMLElement>("[data-thread]");
        const target = (thread?.checkVisibility() ? thread : null) ?? document.getElementById(MAIN_CONTENT_ID);
        if (!target) return;
        event.preventDefault();
        target.focus();
      }}
      className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-[100] focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-brand-700 focus:shadow-lg"
    >
      {isConversationOpen ? t("skipToConversation") : t("skipToMain")}
    </a>
  );
}
