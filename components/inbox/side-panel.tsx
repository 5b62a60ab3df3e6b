"use client";

import { useTranslations } from "next-intl";
import { createContext, useContext, useEffect, useId, useRef, useState } from "react";
import { LAYOUT_COOKIES, rememberLayoutChoice } from "@/components/shell/layout-preferences";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { MEDIA, useMediaQuery } from "@/components/ui/use-media-query";

type SidePanelState = {
  panelId: string;
  isExpanded: boolean;
  toggle: () => void;
  close: () => void;
  /** Below 1280px the panel floats over the thread (a drawer; on phones a full-screen sheet). */
  isDrawer: boolean;
  isDocked: boolean;
  isDrawerOpen: boolean;
};

const SidePanelContext = createContext<SidePanelState | null>(null);

/**
 * The open conversation's right-hand panel (the CRM links of spec §7), never simply gone
 * (issue 16): from 1280px docked beside the thread unless the user put it away (remembered);
 * below, closed until its toggle in the conversation header opens it as a drawer, on phones
 * as a full-screen sheet.
 */
export function SidePanelProvider({ isInitiallyDocked, children }: { isInitiallyDocked: boolean; children: React.ReactNode }) {
  const panelId = useId();
  const isWide = useMediaQuery(MEDIA.wide);
  const [isDocked, setDocked] = useState(isInitiallyDocked);
  const [isDrawerOpen, setDrawerOpen] = useState(false);
  const toggle = () => {
    if (isWide) {
      setDocked(!isDocked);
      rememberLayoutChoice(LAYOUT_COOKIES.crmPanel, isDocked ? "closed" : null);
    } else {
      setDrawerOpen(!isDrawerOpen);
    }
  };
  const close = () => {
    setDrawerOpen(false);
    // Back to the toggle that opened it, wherever the header put it.
    document.querySelector<HTMLElement>(`button[aria-controls="${CSS.escape(panelId)}"]`)?.focus();
  };
  const state: SidePanelState = {
    panelId,
    isExpanded: isWide ? isDocked : isDrawerOpen,
    toggle,
    close,
    isDrawer: !isWide,
    isDocked,
    isDrawerOpen,
  };
  return <SidePanelContext value={state}>{children}</SidePanelContext>;
}

function PanelIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" className="h-4 w-4 shrink-0 text-muted">
      <rect x="2" y="3" width="12" height="10" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.3" />
      <path d="M10 3v10" stroke="currentColor" strokeWidth="1.3" />
    </svg>
  );
}

/** The header's button that shows or hides the panel; nothing where the pane has no panel. */
export function SidePanelToggle({ className }: { className?: string }) {
  const state = useContext(SidePanelContext);
  const t = useTranslations("crm.panel");
  if (!state) return null;
  return (
    <button
      type="button"
      aria-expanded={state.isExpanded}
      aria-controls={state.panelId}
      onClick={state.toggle}
      title={t("title")}
      className={buttonClasses("secondary", cn("h-8 px-2 whitespace-nowrap @min-[36rem]:px-2.5", className))}
    >
      <PanelIcon />
      {/* Only the icon where the header is narrow (the CRM panel docked beside it); the name stays. */}
      <span className="sr-only @min-[36rem]:not-sr-only">{t("title")}</span>
    </button>
  );
}

/** Where the panel sits: a docked column from 1280px, a drawer or a phone sheet below. */
export function SidePanel({ children }: { children: React.ReactNode }) {
  const state = useContext(SidePanelContext);
  const t = useTranslations("crm.panel");
  const closeRef = useRef<HTMLButtonElement>(null);
  const isPhone = useMediaQuery(MEDIA.phone);
  const isDrawerShown = !!state?.isDrawer && state.isDrawerOpen;
  // On phones the panel covers the screen: a modal sheet, which Tab does not leave (issue 16 item 5).
  const isSheet = isDrawerShown && isPhone;
  useEffect(() => {
    if (isDrawerShown) closeRef.current?.focus();
  }, [isDrawerShown]);
  if (!state) return null;
  return (
    <div
      id={state.panelId}
      role={isSheet ? "dialog" : undefined}
      aria-modal={isSheet || undefined}
      aria-label={isSheet ? t("title") : undefined}
      onKeyDown={(event) => {
        if (event.key === "Escape" && isDrawerShown) state.close();
        if (event.key === "Tab" && isSheet) keepTabInside(event);
      }}
      className={cn(
        "flex-col overflow-y-auto bg-white",
        state.isDocked ? "xl:flex xl:w-72 xl:shrink-0 xl:border-l xl:border-line" : "xl:hidden",
        state.isDrawerOpen
          ? "max-xl:flex max-md:fixed max-md:inset-0 max-md:z-50 md:max-xl:absolute md:max-xl:inset-y-0 md:max-xl:right-0 md:max-xl:z-30 md:max-xl:w-80 md:max-xl:border-l md:max-xl:border-line md:max-xl:shadow-xl"
          : "max-xl:hidden",
      )}
    >
      <button
        ref={closeRef}
        type="button"
        onClick={state.close}
        aria-label={t("close")}
        title={t("close")}
        className="absolute top-1.5 right-2 flex h-8 w-8 items-center justify-center rounded-md text-muted hover:bg-canvas xl:hidden"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" className="h-4 w-4">
          <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
      </button>
      {children}
    </div>
  );
}

const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
function keepTabInside(event: React.KeyboardEvent<HTMLElement>) {
  const tabbable = [...event.currentTarget.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (element) => element.tabIndex >= 0 && element.checkVisibility(),
  );
  const first = tabbable[0];
  const last = tabbable.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
