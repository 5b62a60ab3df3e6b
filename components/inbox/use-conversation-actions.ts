"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { startTransition as startDetachedTransition, useOptimistic, useState, useTransition } from "react";
import { assignConversationAction, setConversationStatusAction } from "@/app/(app)/messaging/actions";
import { showActionToast } from "@/components/notifications/action-toasts";
import { refusalText, type ShownRefusal } from "@/components/ui/refusal-alert";
import { viewOf, type View } from "@/lib/views";
import { followHref, listHrefOf } from "./follow-href";
import { inboxHref, SEARCH_PATH } from "@/lib/paths";
import { neighbourRowHref, requestThreadFocus } from "./list-rows";

type Status = "open" | "closed";
type State = { status: Status; assigneeId: string | null; isSnoozed: boolean };
export type Change = { kind: "assign"; assigneeId: string | null } | { kind: "status"; status: Status };
/** Where the page goes once a change is made: after the conversation into its new view, or on to the next row. */
export type Then = "follow" | "next";

function applied(state: State, change: Change): State {
  if (change.kind === "assign") return { ...state, assigneeId: change.assigneeId };
  // Closing ends a snooze (lib/inbox/set-conversation-status.ts), so reopening never restores one.
  return { ...state, status: change.status, isSnoozed: false };
}

function inverse(before: State, change: Change): Change {
  return change.kind === "assign" ? { kind: "assign", assigneeId: before.assigneeId } : { kind: "status", status: before.status };
}

function viewAfter(state: State, userId: string) {
  return viewOf({ status: state.status, assigneeId: state.assigneeId, snoozedUntil: state.isSnoozed ? new Date() : null }, userId);
}

/**
 * Assign, close and reopen from the conversation header and its shortcuts (issue 16 item 4): the
 * change shows at once, the URL follows the conversation into its new view (or moves on to the
 * next row), and a toast offers Undo, which puts the change back and returns to the conversation.
 */
export function useConversationActions({
  conversation,
  currentUserId,
  nameOf,
}: {
  conversation: { id: string; status: Status; assigneeId: string | null; snoozedUntil: string | null };
  currentUserId: string;
  nameOf: (userId: string) => string | undefined;
}) {
  const t = useTranslations("conversation.flow");
  const tAll = useTranslations();
  const router = useRouter();
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [isPending, startTransition] = useTransition();
  const [assigneeId, setOptimisticAssignee] = useOptimistic(conversation.assigneeId);
  const [status, setOptimisticStatus] = useOptimistic<Status>(conversation.status);
  const id = conversation.id;

  const perform = (change: Change) =>
    change.kind === "assign"
      ? assignConversationAction({ conversationId: id, assigneeId: change.assigneeId })
      : setConversationStatusAction({ conversationId: id, status: change.status });

  const describe = (change: Change): string => {
    if (change.kind === "status") return t(change.status === "closed" ? "closed" : "reopened");
    if (!change.assigneeId) return t("unassigned");
    if (change.assigneeId === currentUserId) return t("assignedToYou");
    return t("assignedTo", { name: nameOf(change.assigneeId) ?? tAll("conversation.assign.someone") });
  };

  const undo = (change: Change, returnTo: View, origin: { pathname: string; search: string }) => {
    startDetachedTransition(async () => {
      const result = await perform(change);
      if (!result.ok) {
        showActionToast({ message: refusalText(tAll, result) });
        return;
      }
      const isSearch = origin.pathname.startsWith(SEARCH_PATH);
      router.push(isSearch ? origin.pathname + origin.search : inboxHref(returnTo, { conversationId: id, appId: new URLSearchParams(origin.search).get("app") }));
      showActionToast({ message: t("undone") });
    });
  };
  const run = (change: Change, then: Then = "follow") => {
    setRefusal(null);
    const before: State = { status, assigneeId, isSnoozed: conversation.snoozedUntil !== null };
    const after = applied(before, change);
    const origin = { pathname: window.location.pathname, search: window.location.search };
    // Read before the change: once closed, the row leaves the list.
    const next = then === "next" ? (neighbourRowHref() ?? listHrefOf(origin, id)) : null;
    startTransition(async () => {
      if (change.kind === "assign") setOptimisticAssignee(change.assigneeId);
      else setOptimisticStatus(change.status);
      const result = await perform(change);
      if (!result.ok) {
        setRefusal(result);
        return;
      }
      // The page that comes next draws a new thread: focus goes there, not back to the top.
      if (next) {
        requestThreadFocus();
        router.push(next);
      } else {
        const followed = followHref(origin, viewAfter(after, currentUserId), id);
        if (followed) {
          requestThreadFocus();
          router.replace(followed);
        }
      }
      const back = inverse(before, change);
      const returnTo = viewAfter(applied(after, back), currentUserId);
      showActionToast({ message: describe(change), action: { label: t("undo"), run: () => undo(back, returnTo, origin) } });
    });
  };

  return { assigneeId, status, isPending, refusal, setRefusal, run };
}
