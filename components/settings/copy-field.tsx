"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";

/** A read-only value to paste into a provider's console, with its own Copy button. */
export function CopyField({ label, copyLabel, value }: { label: string; copyLabel: string; value: string }) {
  const t = useTranslations("settings.copy");
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (status !== "copied") return;
    const timer = setTimeout(() => setStatus("idle"), 2000);
    return () => clearTimeout(timer);
  }, [status]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus("copied");
    } catch {
      // No clipboard outside a secure context or without permission: leave the text selected instead.
      input.current?.select();
      setStatus("failed");
    }
  }

  return (
    <div className="grid gap-x-6 gap-y-1 sm:grid-cols-[9rem_minmax(0,1fr)] sm:items-center">
      <label htmlFor={id} className="text-xs font-medium text-muted">
        {label}
      </label>
      <div className="min-w-0">
        <div className="flex min-w-0 gap-2">
          <input
            ref={input}
            id={id}
            readOnly
            value={value}
            onFocus={(event) => event.currentTarget.select()}
            spellCheck={false}
            className="min-w-0 flex-1 truncate rounded-md border border-line bg-canvas px-2.5 py-1.5 font-mono text-xs text-ink outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
          />
          <button
            type="button"
            onClick={copy}
            aria-label={copyLabel}
            className="inline-flex shrink-0 sm:min-w-24 items-center justify-center gap-1.5 rounded-md border border-line bg-white px-2.5 py-1 text-xs font-medium hover:bg-canvas"
          >
            {status === "copied" ? (
              <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5 text-success">
                <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
            ) : (
              <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5 text-muted">
                <rect x="5" y="5" width="8" height="8" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
                <path d="M11 3.5V3a1 1 0 0 0-1-1H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
              </svg>
            )}
            {status === "copied" ? t("copied") : t("copy")}
          </button>
        </div>
        <p role="status" className={status === "failed" ? "mt-1 text-xs text-danger" : "sr-only"}>
          {status === "copied" ? t("copied") : status === "failed" ? t("failed") : ""}
        </p>
      </div>
    </div>
  );
}
