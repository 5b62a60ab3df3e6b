"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { LiveUpdates, type LiveEvent } from "@/components/inbox/live-updates";
import { useActionToasts, type ActionToast } from "./action-toasts";
import { conversationHref } from "@/lib/paths";

const TOAST_MS = 6_000;
const MAX_TOASTS = 3;

type Toast = { id: number; title: string; body: string; conversationId: string | null; action?: ActionToast["action"] };

/**
 * The live stream plus the in-app toast of spec §6: an open tab shows each `notification.toast`
 * at the bottom right for a few seconds (held while hovered or focused), linking to the
 * conversation when there is one, and the page's own toasts after an action (Undo, issue 16).
 * Mount it once, in place of <LiveUpdates />, with the server's time of the render
 * (`Date.now()` in the layout).
 */
export function Toaster({ renderedAt }: { renderedAt: number }) {
  const t = useTranslations("notifications.toast");
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(0);

  // Stable, so LiveUpdates keeps its one EventSource instead of reconnecting on every render.
  const onEvent = useCallback((event: LiveEvent) => {
    if (event.type !== "notification.toast" || !event.title) return;
    const toast: Toast = { id: nextId.current++, title: event.title, body: event.body ?? "", conversationId: event.conversationId ?? null };
    setToasts((shown) => [...shown, toast].slice(-MAX_TOASTS));
  }, []);

  // One at a time, as a snackbar: the newest action's Undo is the one that matters.
  const [actionToast, setActionToast] = useState<Toast | null>(null);
  useActionToasts((raised) => {
    setActionToast({ id: nextId.current++, title: raised.message, body: "", conversationId: null, action: raised.action });
  });

  const dismiss = useCallback((id: number) => setToasts((shown) => shown.filter((toast) => toast.id !== id)), []);
  const dismissAction = useCallback((id: number) => setActionToast((shown) => (shown?.id === id ? null : shown)), []);

  return (
    <>
      <LiveUpdates onEvent={onEvent} renderedAt={renderedAt} />
      <section
        aria-label={t("region")}
        className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex flex-col items-stretch gap-2 sm:left-auto sm:w-80"
      >
        <ol className="flex flex-col gap-2">
          {toasts.map((toast) => (
            <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} dismissLabel={t("dismiss")} />
          ))}
        </ol>
      </section>
      {/* Bottom left, away from the reply box's Send and the notifications on the right. */}
      <ol className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex flex-col sm:right-auto sm:w-96">
        {actionToast ? <ToastItem key={actionToast.id} toast={actionToast} onDismiss={dismissAction} dismissLabel={t("dismiss")} /> : null}
      </ol>
    </>
  );
}

function ToastItem({ toast, onDismiss, dismissLabel }: { toast: Toast; onDismiss: (id: number) => void; dismissLabel: string }) {
  const [isHeld, setHeld] = useState(false);

  useEffect(() => {
    if (isHeld) return;
    const timer = setTimeout(() => onDismiss(toast.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [isHeld, onDismiss, toast.id]);

  const content = (
    <>
      <p className="truncate text-sm font-semibold group-hover:underline">{toast.title}</p>
      {toast.body ? <p className="mt-0.5 line-clamp-2 text-sm text-muted">{toast.body}</p> : null}
    </>
  );

  return (
    <li
      role="status"
      aria-live="polite"
      aria-atomic="true"
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      className="pointer-events-auto flex items-start gap-1 rounded-lg border border-line bg-white py-2.5 pr-1.5 pl-3.5 shadow-lg transition duration-150 ease-out starting:translate-y-2 starting:opacity-0 motion-reduce:transition-none"
    >
      <span aria-hidden="true" className="mt-1.5 h-2 w-2 shrink-0 rounded-full bg-brand-500" />
      {toast.conversationId ? (
        <Link
          href={conversationHref(toast.conversationId)}
          onClick={() => onDismiss(toast.id)}
          className="group min-w-0 flex-1 rounded px-1.5"
        >
          {content}
        </Link>
      ) : (
        <div className="min-w-0 flex-1 px-1.5">{content}</div>
      )}
      {toast.action ? (
        <button
          type="button"
          onClick={() => {
            onDismiss(toast.id);
            toast.action!.run();
          }}
          className="shrink-0 rounded px-2 py-0.5 text-sm font-semibold text-brand-600 hover:bg-brand-50"
        >
          {toast.action.label}
        </button>
      ) : null}
      <button
        type="button"
        onClick={() => onDismiss(toast.id)}
        aria-label={dismissLabel}
        className="shrink-0 rounded p-1 text-muted hover:bg-black/5 hover:text-ink"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" className="h-4 w-4">
          <path d="M4.5 4.5l7 7M11.5 4.5l-7 7" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
      </button>
    </li>
  );
}
