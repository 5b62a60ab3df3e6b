"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { sendReplyAction } from "@/app/(app)/messaging/actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { Provider } from "@/db/schema";
import { checkReplyText, REPLY_LIMITS } from "@/lib/inbox/reply-limits";
import { RefusalAlert, type ShownRefusal } from "@/components/ui/refusal-alert";
import { useCannedPicker } from "@/components/canned/canned-picker";
import { canSendFreeForm, ReplyWindowNote, type ShownReplyWindow } from "./reply-window-note";
import { AttachButton, AttachmentChip } from "./reply-attachment";
import { TemplatePicker } from "./template-picker";
import { useAttachment } from "./use-attachment";

/** The counter appears once a reply uses this share of the provider's limit. */
const COUNTER_FROM = 0.8;

/**
 * The reply box of spec §3/§8: Enter sends, Shift+Enter is a new line. The draft lives here
 * (not in the server tree), so live refreshes of the page never touch what is being typed;
 * it is cleared at once on send and put back if the send is refused.
 */
export function ReplyBox({
  conversationId,
  provider,
  isClosed,
  replyWindow = { kind: "unknown" },
  onSending,
  onDraftChange,
  notice,
  toolbar,
  contactName = "",
  agentName = "",
}: {
  conversationId: string;
  provider: Provider;
  isClosed: boolean;
  replyWindow?: ShownReplyWindow;
  onSending: (text: string) => void;
  /** Every change of the draft, however it happened (typing, sending, a refused send put back). */
  onDraftChange?: (draft: string) => void;
  /** Shown above the box, e.g. that a teammate replied while this user was typing. */
  notice?: React.ReactNode;
  /** Above everything else in the box, e.g. the Reply / Private note switch. */
  toolbar?: React.ReactNode;
  /** Fill a canned response's {{contact.name}} and {{agent.name}}. */
  contactName?: string;
  agentName?: string;
}) {
  const t = useTranslations("conversation.reply");
  const tCommon = useTranslations("common");
  const tRefusals = useTranslations("refusals");
  const id = useId();
  const [draft, setDraft] = useState("");
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [, startTransition] = useTransition();
  const textarea = useRef<HTMLTextAreaElement>(null);
  useEffect(() => onDraftChange?.(draft), [draft, onDraftChange]);
  const attachment = useAttachment(conversationId, provider);
  const [isDragging, setDragging] = useState(false);
  const canned = useCannedPicker({ draft, setDraft, textarea, contactName, agentName });

  const limit = REPLY_LIMITS[provider];
  const check = checkReplyText(provider, draft);
  const length = Array.from(draft.replace(/\s+$/, "")).length;
  const isTooLong = !check.ok && check.reason === "reply_too_long";
  const showCounter = length >= limit * COUNTER_FROM;
  const providerName = tCommon(`providers.${provider}`);

  const mayFreeForm = canSendFreeForm(replyWindow);
  const file = attachment.state.status === "ready" ? attachment.state : null;
  const canSend = mayFreeForm && attachment.state.status !== "uploading" && (check.ok || (file !== null && !isTooLong));
  const send = () => {
    if (!canSend) return;
    const text = check.ok ? check.text : "";
    setDraft("");
    setRefusal(null);
    if (file) attachment.clear();
    textarea.current?.focus();
    startTransition(async () => {
      if (text) onSending(text);
      const restore = () => setDraft((current) => (current === "" ? text : current));
      try {
        const result = await sendReplyAction({ conversationId, text, ...(file ? { fileId: file.fileId } : {}) });
        if (!result.ok) {
          restore();
          setRefusal(result);
        }
      } catch (error) {
        // An outage, not a refusal: keep the user's words and say something went wrong.
        console.error(error);
        restore();
        setRefusal({ reason: "unknown" });
      }
    });
  };

  return (
    <div className="shrink-0 border-t border-line bg-white px-3 pt-2 pb-3 sm:px-6">
      <div className="mx-auto flex max-w-4xl flex-col gap-2">
        {toolbar}
        {isClosed ? (
          <p className="flex items-center gap-1.5 text-xs text-muted">
            <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5">
              <rect x="3.5" y="7" width="9" height="6.5" rx="1.2" fill="none" stroke="currentColor" strokeWidth="1.3" />
              <path d="M5.5 7V5.2a2.5 2.5 0 015 0V7" fill="none" stroke="currentColor" strokeWidth="1.3" />
            </svg>
            {t("closedNote")}
          </p>
        ) : null}
        <ReplyWindowNote window={replyWindow} />
        {notice}
        {refusal ? <RefusalAlert refusal={refusal} onDismiss={() => setRefusal(null)} /> : null}
        {replyWindow.kind === "template_only" ? <TemplatePicker conversationId={conversationId} /> : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            send();
          }}
          // SPEC §14: a file dropped anywhere on the box is attached.
          onDragOver={(event) => {
            if (!mayFreeForm || !event.dataTransfer.types.includes("Files")) return;
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            setDragging(false);
            if (!mayFreeForm || event.dataTransfer.files.length === 0) return;
            event.preventDefault();
            attachment.attach(Array.from(event.dataTransfer.files));
          }}
          className={cn(
            "relative flex flex-col rounded-lg border bg-white transition-colors focus-within:ring-2",
            isDragging && "border-brand-500 bg-brand-50",
            isTooLong ? "border-danger focus-within:ring-red-100" : "border-line focus-within:border-brand-500 focus-within:ring-brand-100",
          )}
        >
          <AttachmentChip state={attachment.state} provider={provider} onRemove={attachment.clear} />
          {canned.picker}
          <label htmlFor={id} className="sr-only">
            {t("label")}
          </label>
          <textarea
            ref={textarea}
            id={id}
            name="text"
            data-reply-box=""
            rows={1}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onPaste={(event) => {
              // A pasted screenshot or copied file is attached; pasted text stays text.
              if (!mayFreeForm || event.clipboardData.files.length === 0) return;
              event.preventDefault();
              attachment.attach(Array.from(event.clipboardData.files));
            }}
            onSelect={(event) => canned.track(event.currentTarget)}
            onKeyDown={(event) => {
              if (canned.handleKey(event)) return;
              if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
              event.preventDefault();
              send();
            }}
            placeholder={t("placeholder", { name: providerName })}
            aria-invalid={isTooLong || undefined}
            aria-describedby={`${id}-limit`}
            // The box around it shows focus; an inline style because the global :focus-visible outline is unlayered.
            style={{ outline: "none" }}
            className="block max-h-[40dvh] min-h-10 w-full resize-none bg-transparent px-3 pt-2.5 pb-1 text-sm [field-sizing:content] placeholder:text-muted/80"
          />
          <div className="flex items-center gap-3 px-2 pb-2 pl-3">
            <AttachButton provider={provider} disabled={!mayFreeForm} onFiles={attachment.attach} />
            <p id={`${id}-limit`} className={cn("min-w-0 flex-1 text-xs", isTooLong ? "text-danger" : "text-muted")}>
              {isTooLong ? (
                tRefusals("reply_too_long", { provider: providerName, limit })
              ) : showCounter ? (
                <span className="tabular-nums">{t("counter", { count: length, limit })}</span>
              ) : (
                <>
                  <span className="hidden sm:inline">{t("keys")}</span>
                  <span className="sr-only">{t("limit", { provider: providerName, limit })}</span>
                </>
              )}
            </p>
            {isTooLong ? (
              <span className="shrink-0 text-xs font-medium tabular-nums text-danger">{t("counter", { count: length, limit })}</span>
            ) : null}
            <Button type="submit" disabled={!canSend} className="shrink-0 px-4">
              {t("send")}
            </Button>
          </div>
        </form>
        )}
      </div>
    </div>
  );
}
