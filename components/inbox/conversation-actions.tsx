"use client";

import { useTranslations } from "next-intl";
import { Avatar } from "@/components/ui/avatar";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Menu, MenuItem } from "@/components/ui/menu";
import { RefusalAlert } from "@/components/ui/refusal-alert";
import { useShortcutCommand } from "@/components/keyboard/commands";
import type { AssignableUser } from "@/lib/apps/assignable-users";
import { SnoozeMenu } from "./snooze/snooze-menu";
import { useConversationActions, type Then } from "./use-conversation-actions";

type Status = "open" | "closed";

function Chevron() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5 shrink-0 text-muted">
      <path d="M4.5 6.5L8 10l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function PresenceDot({ isAvailable }: { isAvailable: boolean }) {
  return (
    <span
      aria-hidden="true"
      className={cn("h-2 w-2 shrink-0 rounded-full", isAvailable ? "bg-success" : "border border-muted/70 bg-white")}
    />
  );
}

/**
 * The header's interactive row (spec §10): the assignment control, named "Assign" or after the
 * assignee, Snooze, and Close conversation / Reopen, with their shortcuts. Refusals show on a
 * line of their own below the header's row, in the catalog's words.
 */
export function ConversationActions({
  conversation,
  assignees,
  currentUserId,
}: {
  conversation: { id: string; status: Status; assigneeId: string | null; snoozedUntil: string | null };
  assignees: AssignableUser[];
  currentUserId: string;
}) {
  const t = useTranslations("conversation");
  const { assigneeId, status, isPending, refusal, setRefusal, run } = useConversationActions({
    conversation,
    currentUserId,
    nameOf: (userId) => assignees.find((user) => user.id === userId)?.name,
  });
  const assign = (next: string | null) => run({ kind: "assign", assigneeId: next });
  const changeStatus = (next: Status, then: Then = "follow") => run({ kind: "status", status: next }, then);

  const assignee = assignees.find((user) => user.id === assigneeId);
  const me = assignees.find((user) => user.id === currentUserId);
  // `e` and `a` (SPEC §13) run these same actions; the server refuses what the buttons would.
  // `e` closes and moves on to the next conversation (issue 16), and reopens a closed one.
  useShortcutCommand("toggleStatus", () => (status === "open" ? changeStatus("closed", "next") : changeStatus("open")));
  useShortcutCommand("assignToMe", () => {
    if (me && assigneeId !== me.id) assign(me.id);
  });
  const teammates = assignees.filter((user) => user.id !== currentUserId);
  // A stale list may not hold a new assignee yet; the server's name is then unknown here.
  const assigneeName = assignee?.name ?? (assigneeId ? t("assign.someone") : null);

  return (
    <>
      <div className="flex basis-full items-center gap-2 sm:basis-auto">
          <Menu
            label={assigneeName ?? t("assign.assign")}
            align="start"
            triggerClassName={cn(buttonClasses("secondary", "h-8 max-w-40 gap-1.5 px-2.5 @min-[40rem]:max-w-56"), isPending && "cursor-wait")}
            trigger={
              assigneeName ? (
                <>
                  <Avatar name={assigneeName} size="sm" />
                  <span className="truncate">{assigneeName}</span>
                  <Chevron />
                </>
              ) : (
                <>
                  <svg viewBox="0 0 16 16" aria-hidden="true" className="h-4 w-4 shrink-0 text-muted">
                    <circle cx="7" cy="5.5" r="2.5" fill="none" stroke="currentColor" strokeWidth="1.3" />
                    <path d="M2.5 13c.6-2.4 2.3-3.6 4.5-3.6 1 0 1.8.2 2.5.6M12 9v4M10 11h4" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" />
                  </svg>
                  <span>{t("assign.assign")}</span>
                  <Chevron />
                </>
              )
            }
          >
            {(close) => (
              <>
                {me && assigneeId !== me.id ? (
                  <MenuItem
                    disabled={!me.isAvailable}
                    onClick={() => {
                      close();
                      assign(me.id);
                    }}
                  >
                    <span className="flex-1">{t("assign.toMe")}</span>
                    {!me.isAvailable ? <span className="text-xs text-muted">{t("assign.unavailable")}</span> : null}
                  </MenuItem>
                ) : null}
                <div role="group" aria-label={t("assign.teammates")} className={cn(me && assigneeId !== me.id && "mt-1 border-t border-line pt-1")}>
                  <p aria-hidden="true" className="px-2.5 pt-1 pb-0.5 text-xs font-semibold tracking-wide text-muted uppercase">
                    {t("assign.teammates")}
                  </p>
                  {teammates.length === 0 ? <p className="px-2.5 py-1.5 text-sm text-muted">{t("assign.noTeammates")}</p> : null}
                  {teammates.map((user) => (
                    <MenuItem
                      key={user.id}
                      role="menuitemradio"
                      aria-checked={user.id === assigneeId}
                      disabled={!user.isAvailable}
                      onClick={() => {
                        close();
                        if (user.id !== assigneeId) assign(user.id);
                      }}
                    >
                      <Avatar name={user.name} size="sm" />
                      <span className="min-w-0 flex-1 truncate">{user.name}</span>
                      {user.isAvailable ? null : (
                        <span className="flex shrink-0 items-center gap-1 text-xs text-muted">
                          <PresenceDot isAvailable={false} />
                          {t("assign.unavailable")}
                        </span>
                      )}
                      {user.id === assigneeId ? (
                        <svg viewBox="0 0 16 16" aria-hidden="true" className="h-4 w-4 shrink-0 text-brand-500">
                          <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
                        </svg>
                      ) : null}
                    </MenuItem>
                  ))}
                </div>
                {assigneeId ? (
                  <div className="mt-1 border-t border-line pt-1">
                    <MenuItem
                      onClick={() => {
                        close();
                        assign(null);
                      }}
                    >
                      {t("assign.unassign")}
                    </MenuItem>
                  </div>
                ) : null}
              </>
            )}
          </Menu>
          {status === "open" ? <SnoozeMenu conversationId={conversation.id} snoozedUntil={conversation.snoozedUntil} onRefused={setRefusal} /> : null}
          {status === "open" ? (
            <div className="ml-auto flex sm:ml-0">
              <button
                type="button"
                onClick={() => changeStatus("closed")}
                aria-label={t("status.close")}
                className={buttonClasses("secondary", "h-8 whitespace-nowrap rounded-r-none")}
              >
                <svg viewBox="0 0 16 16" aria-hidden="true" className="h-4 w-4 text-success">
                  <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
                </svg>
                {/* The name stays "Close conversation" (SPEC §10); a phone's header row shows the short word. */}
                <span className="sm:hidden">{t("status.closeShort")}</span>
                <span className="hidden sm:inline">{t("status.close")}</span>
              </button>
              <button
                type="button"
                onClick={() => changeStatus("closed", "next")}
                aria-label={t("flow.closeAndNext")}
                title={`${t("flow.closeAndNext")} (e)`}
                className={buttonClasses("secondary", "-ml-px h-8 rounded-l-none px-2")}
              >
                <svg viewBox="0 0 16 16" aria-hidden="true" className="h-4 w-4 text-muted">
                  <path d="M3 8h8.5M8.5 4.5L12 8l-3.5 3.5M13.5 3.5v9" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
                </svg>
              </button>
            </div>
          ) : (
            <button type="button" onClick={() => changeStatus("open")} className={buttonClasses("secondary", "ml-auto h-8 whitespace-nowrap sm:ml-0")}>
              <svg viewBox="0 0 16 16" aria-hidden="true" className="h-4 w-4 text-muted">
                <path d="M12.5 8a4.5 4.5 0 11-1.3-3.2M12.5 3v2.5H10" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
              {t("status.reopen")}
            </button>
          )}
      </div>
      {refusal ? (
        <div className="order-last basis-full">
          <RefusalAlert refusal={refusal} onDismiss={() => setRefusal(null)} />
        </div>
      ) : null}
    </>
  );
}
