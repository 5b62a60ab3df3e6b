import { z } from "zod";
import { messageContext } from "@/lib/conversations/notice-context";
import { describeMessage, type Translate } from "@/lib/content/describe-content";
import { translatorFor } from "@/lib/i18n/translator";
import { defineJob } from "@/lib/jobs/define-job";
import { loadCandidates } from "./candidates";
import { scheduleEmailDigest } from "./email-digest";
import { notifyDesktop } from "./notify-user";
import { selectRecipients } from "./recipients";
import { conversationHref } from "@/lib/paths";

/**
 * Queued in the transaction that stored the message, with the assignment as it was then:
 * spec §6 decides message events by that, not by whatever happens before the job runs.
 */
export const notifyMessageJob = defineJob({
  queue: "notify.message",
  payload: z.object({ messageId: z.uuid(), assigneeIdAtStore: z.uuid().nullable() }),
  dedupeKey: ({ messageId }) => `notify.message:${messageId}`,
  async handle(db, { messageId, assigneeIdAtStore }) {
    const row = await messageContext(db, messageId);
    if (!row) return;
    const { message, conversation, app } = row;

    const candidates = await loadCandidates(db, app);
    const recipients = selectRecipients({ kind: "message", authorId: message.senderUserId, assigneeIdAtStore }, candidates);
    let failure: unknown = null;
    for (const recipient of recipients) {
      const person = candidates.find((candidate) => candidate.userId === recipient.userId)!;
      const claim = { userId: person.userId, event: recipient.event, conversationId: conversation.id };
      try {
        if (recipient.channels.includes("desktop")) {
          const { t } = await translatorFor(person.locale);
          await notifyDesktop(
            db,
            `notify.message:${message.id}:${person.userId}`,
            { ...claim, channel: "desktop", workspaceId: app.workspaceId, appId: app.id },
            {
              title: t("notify.messageTitle", { contact: conversation.contactName, app: app.name }),
              body: describeMessage(t as Translate, { ...message, attachments: message.attachments.length }, app.provider).slice(0, 180),
              url: conversationHref(conversation.id),
              tag: `conversation-${conversation.id}`,
            },
            person,
          );
        }
        if (recipient.channels.includes("email")) await scheduleEmailDigest(db, person.userId, conversation.id, message.id, app.workspaceId);
      } catch (error) {
        // One recipient's failing push service must not cost the others their notification.
        failure = error;
      }
    }
    if (failure) throw failure;
  },
});
