import { z } from "zod";
import { activityContext } from "@/lib/conversations/notice-context";
import { translatorFor } from "@/lib/i18n/translator";
import { defineJob } from "@/lib/jobs/define-job";
import { readNoteDetail } from "@/db/note-detail";
import { loadCandidates } from "./candidates";
import { emailNotice } from "./email-notice";
import { notifyDesktop } from "./notify-user";
import { selectRecipients } from "./recipients";
import { conversationHref } from "@/lib/paths";

/** A push body or email excerpt of the note: enough to know what it is about. */
const EXCERPT_CHARS = 200;

/**
 * Spec §13 `note.mentioned`: each teammate a private note mentions, still active and with
 * access to the app now, on the channels they chose. Each delivery is claimed under the
 * note's id, so a retried job sends nothing twice.
 */
export const notifyMentionJob = defineJob({
  queue: "notify.mention",
  payload: z.object({ activityId: z.uuid(), mentionedUserIds: z.array(z.uuid()) }),
  dedupeKey: ({ activityId }) => `notify.mention:${activityId}`,
  async handle(db, { activityId, mentionedUserIds }) {
    const row = await activityContext(db, activityId, "note");
    const authorId = row?.activity.actorId;
    if (!row || !authorId) return;
    const { activity, conversation, app } = row;
    const note = readNoteDetail(activity.detail);
    const excerpt = Array.from(note.text).length > EXCERPT_CHARS ? `${Array.from(note.text).slice(0, EXCERPT_CHARS).join("")}…` : note.text;

    const candidates = await loadCandidates(db, app);
    for (const recipient of selectRecipients({ kind: "mention", authorId, mentionedUserIds }, candidates)) {
      const person = candidates.find((candidate) => candidate.userId === recipient.userId)!;
      const { t } = await translatorFor(person.locale);
      const texts = { actor: row.actorName ?? "", contact: conversation.contactName, app: app.name };
      const deliveryKey = `notify.mention:${activity.id}:${person.userId}`;
      const claim = { userId: person.userId, event: recipient.event, conversationId: conversation.id };

      if (recipient.channels.includes("desktop")) {
        await notifyDesktop(db, deliveryKey, { ...claim, channel: "desktop", workspaceId: app.workspaceId, appId: app.id }, {
          title: t("notify.mentionedTitle", texts),
          body: excerpt,
          url: conversationHref(conversation.id),
          tag: `mentioned-${activity.id}`,
        }, person);
      }
      if (recipient.channels.includes("email")) {
        await emailNotice(db, deliveryKey, claim, {
          to: person.email,
          subject: t("notify.email.mentionedSubject", texts),
          heading: t("notify.mentionedTitle", texts),
          body: excerpt,
          path: conversationHref(conversation.id),
          copy: { preview: t("notify.mentionedTitle", texts), footer: t("notify.email.footer"), cta: t("notify.email.cta") },
        });
      }
    }
  },
});
