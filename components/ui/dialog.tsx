"use client";

import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Button, buttonClasses } from "./button";
import { cn } from "./cn";

type ModalControls = { requestClose: () => void; reportDirty: (dirty: boolean | null) => void };
const ModalContext = createContext<ModalControls | null>(null);

/**
 * The close that a dialog's own Close / Cancel buttons call: inside a Modal that guards unsaved
 * changes it asks "Discard changes?" first; elsewhere it is `fallback`.
 */
export function useRequestClose(fallback: () => void): () => void {
  return useContext(ModalContext)?.requestClose ?? fallback;
}

/** A form that knows exactly whether it has unsaved changes tells its Modal (otherwise any input counts). */
export function useUnsavedChanges(dirty: boolean) {
  const report = useContext(ModalContext)?.reportDirty;
  useEffect(() => {
    report?.(dirty);
    return () => report?.(null);
  }, [report, dirty]);
}

/**
 * A modal on the native <dialog>: the browser gives it role="dialog", traps focus, makes the
 * page behind inert, closes on Escape and returns focus to the element that opened it. Its
 * content renders only while it is open.
 */
export function Modal({
  open,
  onClose,
  labelledBy,
  describedBy,
  className,
  guardUnsaved = false,
  children,
}: {
  open: boolean;
  onClose: () => void;
  labelledBy: string;
  describedBy?: string;
  className?: string;
  /**
   * Issue 16 item 10: Close, Cancel and Escape ask "Discard changes?" (in the dialog, not
   * window.confirm) once the user has changed a field since it opened or last submitted.
   */
  guardUnsaved?: boolean;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // A ref, not state: setting state from the dialog's capture of the first input event
  // re-rendered it in the middle of that event and React dropped the field's own update (the
  // first value typed into a controlled field vanished). Only the close handlers read it.
  const touched = useRef(false);
  const [reported, setReported] = useState<boolean | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const isDirty = () => guardUnsaved && (reported ?? touched.current);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  // Each opening starts clean (state adjusted while rendering, not in an effect).
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    setConfirming(false);
  }
  useEffect(() => {
    if (open) touched.current = false;
  }, [open]);

  const requestClose = useCallback(() => {
    if (guardUnsaved && (reported ?? touched.current)) setConfirming(true);
    else onClose();
  }, [guardUnsaved, reported, onClose]);
  const context = useMemo<ModalControls>(() => ({ requestClose, reportDirty: setReported }), [requestClose]);

  const touch = guardUnsaved
    ? () => {
        touched.current = true;
      }
    : undefined;
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onClose={onClose}
      onCancel={(event) => {
        // Escape: the native dialog would close; ask first when there is something to lose.
        if (!isDirty() && !isConfirming) return;
        event.preventDefault();
        setConfirming(!isConfirming);
      }}
      onKeyDown={(event) => {
        // Handled on keydown too: Chromium lets a page cancel the `cancel` event only once per user activation.
        if (event.key !== "Escape" || event.defaultPrevented || (!isDirty() && !isConfirming)) return;
        event.preventDefault();
        setConfirming(!isConfirming);
      }}
      onInputCapture={touch}
      onChangeCapture={touch}
      onSubmitCapture={
        guardUnsaved
          ? () => {
              touched.current = false;
            }
          : undefined
      }
      className={cn(
        "relative m-auto w-[calc(100%-2rem)] rounded-xl border border-line bg-white p-0 text-ink shadow-xl backdrop:bg-slate-900/40",
        className,
      )}
    >
      {open ? (
        <ModalContext.Provider value={context}>
          <div className="contents" inert={isConfirming}>
            {children}
          </div>
          {isConfirming ? (
            <DiscardChanges
              onDiscard={() => {
                setConfirming(false);
                onClose();
              }}
              onKeep={() => setConfirming(false)}
            />
          ) : null}
        </ModalContext.Provider>
      ) : null}
    </dialog>
  );
}

function DiscardChanges({ onDiscard, onKeep }: { onDiscard: () => void; onKeep: () => void }) {
  const t = useTranslations("common.unsaved");
  const titleId = useId();
  const bodyId = useId();
  const keepRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Back to where the user was (the Close button, the field) once the question is answered.
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    keepRef.current?.focus();
    return () => previous?.focus();
  }, []);
  return (
    <div className="absolute inset-0 flex items-center justify-center bg-white/90 p-4">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        className="w-full max-w-sm rounded-lg border border-line bg-white p-4 shadow-lg"
      >
        <h2 id={titleId} className="text-base font-semibold">
          {t("title")}
        </h2>
        <p id={bodyId} className="mt-1 text-sm text-muted">
          {t("body")}
        </p>
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          <button ref={keepRef} type="button" className={buttonClasses("secondary")} onClick={onKeep}>
            {t("keep")}
          </button>
          <Button variant="danger" onClick={onDiscard}>
            {t("discard")}
          </Button>
        </div>
      </div>
    </div>
  );
}

/** A small confirmation-style dialog: a title, an optional description read with it, then its content. */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  className,
  guardUnsaved,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
  guardUnsaved?: boolean;
}) {
  const titleId = useId();
  const descriptionId = useId();
  return (
    <Modal
      open={open}
      onClose={onClose}
      labelledBy={titleId}
      describedBy={description ? descriptionId : undefined}
      className={cn("max-w-md", className)}
      guardUnsaved={guardUnsaved}
    >
      <div className="flex flex-col gap-3 p-5">
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        {description ? (
          <div id={descriptionId} className="flex flex-col gap-2 text-sm text-muted">
            {description}
          </div>
        ) : null}
        {children}
      </div>
    </Modal>
  );
}
