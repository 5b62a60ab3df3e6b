"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRef } from "react";
import type { Provider } from "@/db/schema";
import { ACCEPTED_TYPES, MAX_FILE_MB } from "@/lib/files/file-rules";
import { cn } from "@/components/ui/cn";
import type { AttachmentState } from "./use-attachment";

const PaperClip = () => (
  <svg viewBox="0 0 16 16" aria-hidden="true" className="h-4 w-4 shrink-0">
    <path
      d="M10.5 4.5l-5 5a1.4 1.4 0 002 2l5.5-5.5a2.8 2.8 0 00-4-4L3.5 7.5a4.2 4.2 0 006 6l4-4"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.3"
      strokeLinecap="round"
    />
  </svg>
);

/** The reply box's "Attach" button: a file picker limited to what the provider takes. */
export function AttachButton({ provider, disabled, onFiles }: { provider: Provider; disabled?: boolean; onFiles: (files: File[]) => void }) {
  const t = useTranslations("replyFiles");
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        disabled={disabled}
        onClick={() => input.current?.click()}
        aria-label={t("attach")}
        title={t("attachHint", { max: MAX_FILE_MB })}
        className="inline-flex shrink-0 items-center gap-1 rounded-md px-1.5 py-1 text-xs text-muted hover:bg-black/5 hover:text-ink disabled:cursor-not-allowed disabled:opacity-50"
      >
        <PaperClip />
        <span className="hidden sm:inline">{t("attach")}</span>
      </button>
      <input
        ref={input}
        type="file"
        tabIndex={-1}
        aria-hidden="true"
        accept={ACCEPTED_TYPES[provider].join(",")}
        className="hidden"
        data-testid="attach-input"
        onChange={(event) => {
          onFiles(Array.from(event.target.files ?? []));
          // The same file chosen again after removing it is a new choice.
          event.target.value = "";
        }}
      />
    </>
  );
}

/** The chosen file above the text: uploading, ready, or why it can't go (before any upload where possible). */
export function AttachmentChip({ state, provider, onRemove }: { state: AttachmentState; provider: Provider; onRemove: () => void }) {
  const t = useTranslations("replyFiles");
  const tCommon = useTranslations("common");
  const format = useFormatter();
  if (state.status === "none") return null;
  if (state.status === "refused") {
    return (
      <div role="alert" className="mx-2 mt-2 flex items-start gap-2 rounded-md border border-red-200 bg-red-50 px-2.5 py-1.5 text-xs text-danger">
        <p className="min-w-0 flex-1">{t(state.reason, { name: state.name, max: MAX_FILE_MB, provider: tCommon(`providers.${provider}`) })}</p>
        <button type="button" onClick={onRemove} className="shrink-0 font-medium underline-offset-2 hover:underline">
          {t("dismiss")}
        </button>
      </div>
    );
  }
  const megabytes = format.number(state.size / (1024 * 1024), { maximumFractionDigits: 1, minimumFractionDigits: state.size < 1024 * 1024 ? 2 : 1 });
  return (
    <div
      data-testid="reply-attachment"
      className={cn(
        "mx-2 mt-2 inline-flex max-w-[calc(100%-1rem)] items-center gap-2 self-start rounded-md border px-2 py-1 text-xs",
        state.status === "ready" ? "border-line bg-canvas text-ink" : "border-dashed border-line text-muted",
      )}
    >
      <PaperClip />
      <span className="min-w-0 truncate font-medium">{state.name}</span>
      <span className="shrink-0 tabular-nums text-muted">{t("size", { size: megabytes })}</span>
      <span role="status" className="shrink-0 text-muted">
        {state.status === "uploading" ? t("uploading") : <span className="sr-only">{t("ready")}</span>}
      </span>
      <button
        type="button"
        onClick={onRemove}
        aria-label={t("remove", { name: state.name })}
        className="-mr-0.5 shrink-0 rounded p-0.5 text-muted hover:bg-black/5 hover:text-ink"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5">
          <path d="M4.5 4.5l7 7M11.5 4.5l-7 7" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  );
}
