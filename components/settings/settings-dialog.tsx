"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { Modal, useRequestClose } from "@/components/ui/dialog";

/** A form-sized modal: a header with a close button over content that scrolls on short screens. */
export function SettingsDialog({
  open,
  onClose,
  title,
  guardUnsaved,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  /** The dialog holds a form: closing it with changes asks first (components/ui/dialog.tsx). */
  guardUnsaved?: boolean;
  children: React.ReactNode;
}) {
  const titleId = useId();
  return (
    <Modal open={open} onClose={onClose} labelledBy={titleId} guardUnsaved={guardUnsaved} className="max-h-[calc(100dvh-2rem)] max-w-lg overflow-hidden">
      <div className="flex max-h-[calc(100dvh-2rem)] flex-col">
        <div className="flex items-start justify-between gap-3 border-b border-line px-5 py-3">
          <h2 id={titleId} className="min-w-0 break-words text-base font-semibold">
            {title}
          </h2>
          <CloseButton onClose={onClose} />
        </div>
        <div className="overflow-y-auto px-5 pt-4">{children}</div>
      </div>
    </Modal>
  );
}

/** Inside the Modal, so that it asks before dropping unsaved changes. */
function CloseButton({ onClose }: { onClose: () => void }) {
  const t = useTranslations("common");
  const close = useRequestClose(onClose);
  return (
    <button type="button" onClick={close} aria-label={t("close")} className="-mr-1.5 rounded-md p-1.5 text-muted hover:bg-canvas hover:text-ink">
      <svg viewBox="0 0 16 16" aria-hidden="true" className="h-4 w-4">
        <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
    </button>
  );
}
