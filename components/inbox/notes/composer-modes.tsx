"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

export type ComposerMode = "reply" | "note";

/** Spec §13: the reply box's two modes, **Reply** and **Private note**, as a pair of tabs. */
export function ComposerModes({ mode, onChange }: { mode: ComposerMode; onChange: (mode: ComposerMode) => void }) {
  const t = useTranslations("notes");
  const tab = (value: ComposerMode, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={mode === value}
      onClick={() => onChange(value)}
      className={cn(
        "rounded-md px-2.5 py-1 text-xs font-medium transition-colors",
        mode === value ? (value === "note" ? "bg-amber-100 text-amber-900" : "bg-brand-50 text-brand-700") : "text-muted hover:bg-canvas hover:text-ink",
      )}
    >
      {label}
    </button>
  );
  return (
    <div role="tablist" aria-label={t("modes")} className="flex items-center gap-1">
      {tab("reply", t("replyMode"))}
      {tab("note", t("noteMode"))}
      {mode === "note" ? <span className="ml-1 text-xs text-amber-800">{t("onlyTeam")}</span> : null}
    </div>
  );
}
