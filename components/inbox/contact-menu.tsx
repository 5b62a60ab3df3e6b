"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition } from "react";
import { deleteConversationAction, renameContactAction } from "@/app/(app)/messaging/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Menu, MenuItem } from "@/components/ui/menu";
import type { Provider } from "@/db/schema";
import { CONTACT_NAME_MAX, contactNameSchema } from "@/lib/inbox/contact-name";
import { ProviderIcon } from "./provider-icon";
import { RefusalAlert, type ShownRefusal } from "@/components/ui/refusal-alert";

/**
 * The menu behind the contact's name (spec §5, §10). Rename contact turns the name into a
 * text box in place (issue 16). Delete conversation is offered only when the server says this
 * user is the app's installer; the action checks again.
 */
export function ContactMenu({
  conversationId,
  contactName,
  externalContactId,
  app,
  canDelete,
  backHref,
}: {
  conversationId: string;
  contactName: string;
  externalContactId: string;
  app: { name: string; provider: Provider };
  canDelete: boolean;
  backHref: string;
}) {
  const t = useTranslations("conversation");
  const tCommon = useTranslations("common");
  const router = useRouter();
  const [isConfirming, setIsConfirming] = useState(false);
  const [isCopied, setIsCopied] = useState(false);
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [isDeleting, startDeleting] = useTransition();

  const confirmDelete = () =>
    startDeleting(async () => {
      const result = await deleteConversationAction({ conversationId });
      if (result.ok) {
        router.replace(backHref);
      } else {
        setRefusal(result);
      }
    });

  const [isRenaming, setIsRenaming] = useState(false);
  // The saved name shows at once; the server's (after the refresh) takes over when it changes.
  const [savedName, setSavedName] = useState<{ name: string; over: string } | null>(null);
  const shownName = savedName && savedName.over === contactName ? savedName.name : contactName;
  const heading = useRef<HTMLHeadingElement>(null);
  // Leaving the text box gives focus back to the name's button, where the rename started.
  const wasRenaming = useRef(false);
  useEffect(() => {
    if (!isRenaming && wasRenaming.current) heading.current?.querySelector("button")?.focus();
    wasRenaming.current = isRenaming;
  }, [isRenaming]);

  const copyContactId = async () => {
    await navigator.clipboard.writeText(externalContactId);
    setIsCopied(true);
    setTimeout(() => setIsCopied(false), 1500);
  };

  return (
    <>
      {isRenaming ? (
        <RenameForm
          conversationId={conversationId}
          name={shownName}
          onDone={(name) => {
            setIsRenaming(false);
            if (name !== null) {
              setSavedName({ name, over: contactName });
              router.refresh();
            }
          }}
        />
      ) : (
      <h2 ref={heading} className="min-w-0 text-base leading-tight font-semibold">
      <Menu
        label={shownName}
        align="start"
        triggerClassName="-ml-1 inline-flex max-w-full items-center gap-1 rounded-md px-1 text-left hover:bg-black/5"
        trigger={
          <>
            <span className="truncate">{shownName}</span>
            <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5 shrink-0 text-muted">
              <path d="M4.5 6.5L8 10l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </>
        }
      >
        {(close) => (
          <>
            <div className="px-2.5 pt-1.5 pb-2 text-xs font-normal">
              <p className="text-sm font-semibold text-ink">{shownName}</p>
              <p className="mt-1 flex items-center gap-1.5 text-muted">
                <ProviderIcon provider={app.provider} className="h-3.5 w-3.5" />
                {t("contactMenu.via", { app: app.name })}
              </p>
              <p className="mt-1.5 text-muted">{t("contactMenu.contactId")}</p>
              <p className="font-mono break-all text-ink select-all">{externalContactId}</p>
            </div>
            <div className="border-t border-line pt-1">
              {/* The clipboard exists only in secure contexts; the id above stays selectable anyway. */}
              {typeof navigator !== "undefined" && navigator.clipboard ? (
                <MenuItem onClick={copyContactId} className="font-normal">
                  {isCopied ? t("contactMenu.copied") : t("contactMenu.copyId")}
                </MenuItem>
              ) : null}
              <MenuItem
                onClick={() => {
                  close();
                  setIsRenaming(true);
                }}
                className="font-normal"
              >
                {t("contactMenu.rename")}
              </MenuItem>
              {canDelete ? (
                <MenuItem
                  onClick={() => {
                    close();
                    setRefusal(null);
                    setIsConfirming(true);
                  }}
                  className="font-normal text-danger hover:bg-red-50 focus:bg-red-50"
                >
                  {t("delete.action")}
                </MenuItem>
              ) : null}
            </div>
          </>
        )}
      </Menu>
      </h2>
      )}
      {canDelete ? (
        <Dialog
          open={isConfirming}
          onClose={() => setIsConfirming(false)}
          title={t("delete.title")}
          description={
            <>
              <p>{t("delete.body", { name: shownName })}</p>
              <p>{t("delete.providerCopy", { provider: tCommon(`providers.${app.provider}`) })}</p>
            </>
          }
        >
          {refusal ? <RefusalAlert refusal={refusal} /> : null}
          <div className="mt-2 flex justify-end gap-2">
            <Button variant="secondary" autoFocus onClick={() => setIsConfirming(false)}>
              {tCommon("cancel")}
            </Button>
            <Button variant="danger" onClick={confirmDelete} disabled={isDeleting} aria-busy={isDeleting || undefined}>
              {t("delete.confirm")}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}

/** The contact's name as a text box in the header: Enter or Save keeps it, Escape or Cancel leaves it as it was. */
function RenameForm({ conversationId, name, onDone }: { conversationId: string; name: string; onDone: (saved: string | null) => void }) {
  const t = useTranslations("conversation.contactMenu");
  const tCommon = useTranslations("common");
  const [value, setValue] = useState(name);
  const [problem, setProblem] = useState<ShownRefusal | "invalid" | null>(null);
  const [isSaving, startSaving] = useTransition();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);

  const save = () => {
    const parsed = contactNameSchema.safeParse(value);
    if (!parsed.success) return setProblem("invalid");
    if (parsed.data === name) return onDone(null);
    startSaving(async () => {
      const result = await renameContactAction({ conversationId, name: parsed.data });
      if (result.ok) onDone(result.value.name);
      else setProblem(result.reason === "invalid_input" ? "invalid" : result);
    });
  };

  return (
    <form
      className="min-w-0"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <input
        ref={input}
        aria-label={t("nameLabel")}
        aria-invalid={problem === "invalid" || undefined}
        value={value}
        maxLength={CONTACT_NAME_MAX + 20}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            onDone(null);
          }
        }}
        className="h-8 w-full min-w-0 rounded-md border border-line px-2 text-sm font-semibold focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none"
      />
      {/* Below the box, so the name keeps the row's width even beside the header's buttons. */}
      <div className="mt-1.5 flex items-center gap-1.5">
        <Button type="submit" className="h-7 px-2.5 text-xs" disabled={isSaving} aria-busy={isSaving || undefined}>
          {t("saveName")}
        </Button>
        <Button type="button" variant="ghost" className="h-7 px-2 text-xs" onClick={() => onDone(null)}>
          {tCommon("cancel")}
        </Button>
      </div>
      {problem === "invalid" ? (
        <p role="alert" className="mt-1 text-xs text-danger">
          {t("nameInvalid")}
        </p>
      ) : problem ? (
        <RefusalAlert refusal={problem} className="mt-1" />
      ) : null}
    </form>
  );
}
