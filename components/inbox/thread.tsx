"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useOptimistic, useRef, useState, useTransition } from "react";
import { loadOlderMessagesAction } from "@/app/(app)/messaging/actions";
import type { Provider } from "@/db/schema";
import type { ThreadActivity, ThreadMessage } from "@/lib/inbox/queries";
import { RefusalAlert, type ShownRefusal } from "@/components/ui/refusal-alert";
import { batcher, conversationOf, useLiveEvents } from "./live-bus";
import { takeThreadFocusRequest } from "./list-rows";
import { ComposerModes, type ComposerMode } from "./notes/composer-modes";
import type { Mentionable } from "./notes/mention-picker";
import { NoteBox } from "./notes/note-box";
import { CollisionNotice } from "./presence/collision-notice";
import { replyWhileTyping } from "./presence/reply-collision";
import { usePresenceAnnouncer } from "./presence/use-presence";
import { ReplyBox } from "./reply-box";
import { entriesOf, mergeEntries, type ThreadEntry } from "./thread-entries";
import type { ShownReplyWindow } from "./reply-window-note";
import { ActivityLine, DayDivider, MessageItem } from "./thread-items";
import { useMarkRead } from "./use-mark-read";

type ThreadPage = { messages: ThreadMessage[]; activities: ThreadActivity[]; olderCursor: string | null };
type ThreadPageJson = {
  messages: (Omit<ThreadMessage, "occurredAt"> & { occurredAt: string })[];
  activities: (Omit<ThreadActivity, "occurredAt"> & { occurredAt: string })[];
  olderCursor: string | null;
};

function revive(page: ThreadPageJson): ThreadPage {
  return {
    messages: page.messages.map((message) => ({ ...message, occurredAt: new Date(message.occurredAt) })),
    activities: page.activities.map((activity) => ({ ...activity, occurredAt: new Date(activity.occurredAt) })),
    olderCursor: page.olderCursor,
  };
}

const FETCH_BATCH_MS = 100;
const HEADER_CHANGES = new Set(["status", "assignee", "contact", "links", "snooze"]);

/** Within this many pixels of the end the thread counts as "at the newest" and follows new items. */
const STICK_TO_END_PX = 80;
/** Messages from one sender this close together read as one run, with one name and time line. */
const RUN_GAP_MS = 5 * 60_000;

function continuesRun(previous: ThreadEntry | undefined, entry: ThreadEntry): boolean {
  if (previous?.kind !== "message" || entry.kind !== "message") return false;
  const [a, b] = [previous.message, entry.message];
  return a.direction === b.direction && a.senderName === b.senderName && b.occurredAt.getTime() - a.occurredAt.getTime() < RUN_GAP_MS;
}

/**
 * The open conversation's messages and its reply box. The server sends the newest page; each
 * live event of this conversation fetches it again (GET /api/inbox/conversations/{id}/thread)
 * and it is merged into what is shown, so older pages the user
 * scrolled back to (and messages that slid out of the newest page) stay put. Keyed by
 * conversation id by its parent, so the draft survives refreshes but not a switch.
 */
export function Thread({
  conversationId,
  contactName,
  provider,
  isClosed,
  page,
  senderName,
  currentUserId,
  mentionable,
  replyWindow,
}: {
  conversationId: string;
  contactName: string;
  provider: Provider;
  isClosed: boolean;
  page: ThreadPage;
  senderName: string;
  currentUserId: string;
  /** Teammates the note box's @ picker offers (active, with access to the app). */
  mentionable: Mentionable[];
  replyWindow?: ShownReplyWindow;
}) {
  const t = useTranslations("conversation");
  const format = useFormatter();
  const [shown, setShown] = useState(() => ({ page, entries: mergeEntries([], entriesOf(page)) }));
  if (shown.page !== page) setShown({ page, entries: mergeEntries(shown.entries, entriesOf(page)) });
  useMarkRead(conversationId, shown.entries);
  const [olderCursor, setOlderCursor] = useState(page.olderCursor);
  const [olderRefusal, setOlderRefusal] = useState<ShownRefusal | null>(null);
  const [isLoadingOlder, startLoadingOlder] = useTransition();
  const [sending, addSending] = useOptimistic<ThreadMessage[], ThreadMessage>([], (list, message) => [...list, message]);

  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const isAtEnd = useRef(true);
  const prependAnchor = useRef<{ scrollHeight: number; scrollTop: number } | null>(null);

  const loadOlder = useCallback(() => {
    if (!olderCursor || isLoadingOlder) return;
    startLoadingOlder(async () => {
      const result = await loadOlderMessagesAction({ conversationId, before: olderCursor });
      if (!result.ok) {
        setOlderRefusal(result);
        return;
      }
      setOlderRefusal(null);
      const element = scroller.current;
      if (element) prependAnchor.current = { scrollHeight: element.scrollHeight, scrollTop: element.scrollTop };
      setShown((current) => ({ ...current, entries: mergeEntries(current.entries, entriesOf(result.value)) }));
      setOlderCursor(result.value.olderCursor);
    });
  }, [conversationId, olderCursor, isLoadingOlder]);

  const router = useRouter();
  const newest = useMemo(
    () =>
      batcher(FETCH_BATCH_MS, async () => {
        const response = await fetch(`/api/inbox/conversations/${conversationId}/thread`, { cache: "no-store" });
        if (!response.ok) return;
        const { page: fetched } = (await response.json()) as { page: ThreadPageJson };
        setShown((current) => ({ ...current, entries: mergeEntries(current.entries, entriesOf(revive(fetched))) }));
      }),
    [conversationId],
  );
  useEffect(() => () => newest.cancel(), [newest]);
  // This conversation's events: its newest page is fetched and merged; a change the header or
  // the CRM panel shows (assignee, status, contact, links) re-renders the page.
  useLiveEvents((event) => {
    if (conversationOf(event) !== conversationId) return false;
    if (event.type === "message.created" || event.type === "message.updated") {
      newest.add(conversationId);
      return true;
    }
    if (event.type === "conversation.updated") {
      if ((event.changes ?? []).some((change) => HEADER_CHANGES.has(change))) router.refresh();
      else newest.add(conversationId);
      return true;
    }
    return false;
  });

  // The thread opens at its newest message, and takes focus when the list opened it (list-rows.ts):
  // the arrow keys then scroll it, Tab goes on to the reply box.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
    if (takeThreadFocusRequest()) list.current?.focus({ preventScroll: true });
  }, []);

  // Older items go on top without moving what the user is reading; new ones at the end are
  // followed only when the user is already there.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const anchor = prependAnchor.current;
    if (anchor) {
      element.scrollTop = anchor.scrollTop + (element.scrollHeight - anchor.scrollHeight);
      prependAnchor.current = null;
    } else if (isAtEnd.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, [shown.entries]);

  // One's own reply always brings the thread to its end.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || sending.length === 0) return;
    element.scrollTop = element.scrollHeight;
    isAtEnd.current = true;
  }, [sending.length]);

  // Images that load late and a reply box that grows must not push the newest message out of view.
  useEffect(() => {
    const element = scroller.current;
    const inner = content.current;
    if (!element || !inner) return;
    const observer = new ResizeObserver(() => {
      if (isAtEnd.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    observer.observe(inner);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = scroller.current;
    const target = sentinel.current;
    if (!element || !target || !olderCursor || olderRefusal) return;
    const observer = new IntersectionObserver((seen) => {
      if (seen.some((entry) => entry.isIntersecting)) loadOlder();
    }, { root: element, rootMargin: "240px 0px 0px 0px" });
    observer.observe(target);
    return () => observer.disconnect();
  }, [olderCursor, olderRefusal, loadOlder]);

  const onScroll = () => {
    const element = scroller.current;
    if (element) isAtEnd.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_TO_END_PX;
  };

  // Spec §13: typing is announced to teammates, and a reply someone else sent since this user
  // started their draft is pointed out before they send theirs.
  const announceDraft = usePresenceAnnouncer(conversationId);
  const [typingSince, setTypingSince] = useState<number | null>(null);
  const onDraftChange = useCallback(
    (draft: string) => {
      announceDraft(draft);
      setTypingSince((since) => (draft.trim() === "" ? null : (since ?? Date.now())));
    },
    [announceDraft],
  );
  const collision = replyWhileTyping(shown.entries, typingSince, currentUserId);
  // Both boxes stay mounted, so switching modes keeps each draft.
  const [mode, setMode] = useState<ComposerMode>("reply");
  const modes = <ComposerModes mode={mode} onChange={setMode} />;

  const onSending = (text: string) =>
    addSending({
      id: `sending-${crypto.randomUUID()}`,
      direction: "outbound",
      text,
      attachments: [],
      kind: "text",
      payload: null,
      reaction: null,
      editedAt: null,
      replyToProviderMessageId: null,
      quoted: null,
      state: "pending",
      failureReason: null,
      occurredAt: new Date(),
      senderName,
      senderUserId: currentUserId,
    });

  // A live refresh can bring the stored reply before the send action returns; show it once.
  const isStored = (reply: ThreadMessage) =>
    shown.entries.some(
      (entry) =>
        entry.kind === "message" &&
        entry.message.direction === "outbound" &&
        entry.message.text === reply.text &&
        entry.message.occurredAt.getTime() >= reply.occurredAt.getTime() - 60_000,
    );
  const entries: ThreadEntry[] = [
    ...shown.entries,
    ...sending
      .filter((reply) => !isStored(reply))
      .map((message): ThreadEntry => ({ kind: "message", key: message.id, at: message.occurredAt, message })),
  ];
  const dayOf = (at: Date) => format.dateTime(at, { year: "numeric", month: "2-digit", day: "2-digit" });

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div ref={scroller} onScroll={onScroll} className="min-h-0 flex-1 overflow-y-auto [overflow-anchor:none]">
        <div ref={content} className="mx-auto flex min-h-full max-w-4xl flex-col justify-end gap-3 px-3 py-4 sm:px-6">
          {olderCursor ? (
            <div ref={sentinel} className="flex justify-center">
              <button
                type="button"
                onClick={loadOlder}
                disabled={isLoadingOlder}
                aria-busy={isLoadingOlder || undefined}
                className="rounded-full border border-line bg-white px-3 py-1 text-xs font-medium text-muted shadow-xs hover:text-ink disabled:cursor-wait"
              >
                {isLoadingOlder ? t("loadingOlder") : t("loadOlder")}
              </button>
            </div>
          ) : (
            <p className="text-center text-xs text-muted">{t("startOfConversation")}</p>
          )}
          {olderRefusal ? <RefusalAlert refusal={olderRefusal} onDismiss={() => setOlderRefusal(null)} /> : null}
          <ol ref={list} aria-label={t("thread")} tabIndex={-1} data-thread="" className="flex flex-col gap-3 rounded-md focus-visible:outline-offset-4">
            {entries.map((entry, index) => {
              const previous = entries[index - 1];
              const next = entries[index + 1];
              const startsDay = !previous || dayOf(previous.at) !== dayOf(entry.at);
              return (
                <Fragment key={entry.key}>
                  {startsDay ? <DayDivider at={entry.at} /> : null}
                  {entry.kind === "activity" ? (
                    <ActivityLine activity={entry.activity} />
                  ) : (
                    <MessageItem
                      message={entry.message}
                      contactName={contactName}
                      provider={provider}
                      conversationId={conversationId}
                      isContinuation={!startsDay && continuesRun(previous, entry)}
                      showsDelivery={!(next?.kind === "message" && continuesRun(entry, next) && next.message.state === entry.message.state)}
                    />
                  )}
                </Fragment>
              );
            })}
          </ol>
        </div>
      </div>
      <div hidden={mode !== "reply"}>
        <ReplyBox
          conversationId={conversationId}
          provider={provider}
          isClosed={isClosed}
          replyWindow={replyWindow}
          onSending={onSending}
          onDraftChange={onDraftChange}
          notice={collision ? <CollisionNotice senderName={collision.senderName} /> : null}
          toolbar={modes}
          contactName={contactName}
          agentName={senderName}
        />
      </div>
      <div hidden={mode !== "note"} className="shrink-0 border-t border-line bg-white px-3 pt-2 pb-3 sm:px-6">
        <div className="mx-auto flex max-w-4xl flex-col gap-2">
          {modes}
          <NoteBox conversationId={conversationId} mentionable={mentionable} />
        </div>
      </div>
    </div>
  );
}
