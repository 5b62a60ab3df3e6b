import { z } from "zod";
import { activityContext, isLatestAssignment } from "@/lib/conversations/notice-context";
import { translatorFor } from "@/lib/i18n/translator";
import { defineJob } from "@/lib/jobs/define-job";
import { loadCandidates } from "./candidates";
import { emailNotice } from "./email-notice";
import { notifyDesktop } from "./notify-user";
import { selectRecipients } from "./recipients";
import { conversationHref } from "@/lib/paths";

/** Lets a burst of reassignments settle, so only its final assignee hears about it (spec §5). */
export const ASSIGNMENT_NOTICE_DELAY_MS = 2_000;

export const notifyAssignmentJob = defineJob({
  queue: "notify.assignment",
  payload: z.object({ activityId: z.uuid() }),
  dedupeKey: ({ activityId }) => `notify.assignment:${activityId}`,
  async handle(db, { activityId }) {
    const row = await activityContext(db, activityId);
    // No actor: auto-assignment (lib/inbox/auto-assign.ts), worded without one.
    const actorId = row?.activity.actorId ?? null;
    const assigneeId = row?.activity.targetUserId;
    if (!row || !assigneeId) return;
    const byRule = actorId === null;
    const { activity, conversation, app } = row;

    // spec §5: of a burst of assignments only the final one notifies.
    if (!(await isLatestAssignment(db, conversation.id, activity.id)) || conversation.assigneeId !== assigneeId) return;

    const candidates = await loadCandidates(db, app);
    const [recipient] = selectRecipients({ kind: "assignment", actorId, assigneeId }, candidates);
    if (!recipient) return;
    const person = candidates.find((candidate) => candidate.userId === recipient.userId)!;
    const { t } = await translatorFor(person.locale);
    const texts = { actor: row.actorName ?? "", contact: conversation.contactName, app: app.name };
    const deliveryKey = `notify.assignment:${activity.id}`;
    const claim = { userId: person.userId, event: recipient.event, conversationId: conversation.id };

    if (recipient.channels.includes("desktop")) {
      await notifyDesktop(db, deliveryKey, { ...claim, channel: "desktop", workspaceId: app.workspaceId, appId: app.id }, {
        title: t("notify.assignedTitle", texts),
        body: t(byRule ? "autoAssign.notify.body" : "notify.assignedBody", texts),
        url: conversationHref(conversation.id),
        tag: `assigned-${conversation.id}`,
      }, person);
    }
    if (recipient.channels.includes("email")) {
      await emailNotice(db, deliveryKey, claim, {
        to: person.email,
        subject: t(byRule ? "autoAssign.notify.emailSubject" : "notify.email.assignedSubject", texts),
        heading: t("notify.assignedTitle", texts),
        body: t(byRule ? "autoAssign.notify.body" : "notify.assignedBody", texts),
        path: conversationHref(conversation.id),
        copy: { preview: t("notify.assignedTitle", texts), footer: t("notify.email.footer"), cta: t("notify.email.cta") },
      });
    }
  },
});
