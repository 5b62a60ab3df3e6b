import "server-only";
import { render } from "@react-email/render";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { describeMessage, type Translate } from "@/lib/content/describe-content";
import { NewMessagesEmail } from "@/components/emails/new-messages-email";
import type { Executor } from "@/db/client";
import { conversations, emailCursors, emailDigestItems, messages, messagingApps, users, workspaces } from "@/db/schema";
import { appUrl } from "@/lib/env";
import { translatorFor } from "@/lib/i18n/translator";
import { hasAppAccess } from "@/lib/apps/access";
import { defineJob, PermanentJobError } from "@/lib/jobs/define-job";
import { EmailRefusedError, sendEmail } from "./send-email";
import { conversationHref } from "@/lib/paths";

const DIGEST_MESSAGE_LIMIT = 50;
/** Spec §6: at most one email per user per conversation per 5 minutes. */
export const EMAIL_WINDOW_MS = 5 * 60_000;

/**
 * Spec §6 coalescing. Every message that should email a user is added to their pending digest
 * of the conversation, and the digest of the current window is queued: due at once when the
 * last email is older than 5 minutes, else when the window ends. Messages queued before a
 * digest runs share its job (the dedupe key names the cursor's generation, which each run
 * moves on), so a burst makes one email now and one listing the rest. The cursor row is
 * locked, so scheduling and sending serialise.
 */
export async function scheduleEmailDigest(db: Executor, userId: string, conversationId: string, messageId: string, workspaceId?: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(emailCursors).values({ userId, conversationId, lastEmailAt: new Date(0) }).onConflictDoNothing();
    const [cursor] = await tx
      .select()
      .from(emailCursors)
      .where(and(eq(emailCursors.userId, userId), eq(emailCursors.conversationId, conversationId)))
      .for("update");
    if (!cursor) return;
    await tx.insert(emailDigestItems).values({ userId, conversationId, messageId }).onConflictDoNothing();
    const windowEnd = new Date(cursor.lastEmailAt.getTime() + EMAIL_WINDOW_MS);
    await sendEmailDigestJob.enqueue(
      tx,
      { userId, conversationId, generation: cursor.generation },
      { runAt: windowEnd > new Date() ? windowEnd : undefined, workspaceId },
    );
  });
}

const emailTime = { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" } as const;

/**
 * Sends the email listing every pending message, then empties the list. A user who can no
 * longer be emailed (deactivated, access removed, conversation gone) has the list dropped;
 * either way the generation moves on, so later messages start a new digest.
 */
export async function sendEmailDigest(db: Executor, userId: string, conversationId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const cursorKey = and(eq(emailCursors.userId, userId), eq(emailCursors.conversationId, conversationId));
    const [cursor] = await tx.select().from(emailCursors).where(cursorKey).for("update");
    if (!cursor) return;
    const itemsKey = and(eq(emailDigestItems.userId, userId), eq(emailDigestItems.conversationId, conversationId));
    const pending = await tx
      .select({ message: messages })
      .from(emailDigestItems)
      .innerJoin(messages, eq(messages.id, emailDigestItems.messageId))
      .where(itemsKey)
      .orderBy(asc(messages.occurredAt), asc(messages.id))
      .limit(DIGEST_MESSAGE_LIMIT);
    await tx.delete(emailDigestItems).where(itemsKey);
    await tx.update(emailCursors).set({ generation: sql`${emailCursors.generation} + 1` }).where(cursorKey);
    if (pending.length === 0) return;

    const [row] = await tx
      .select({ user: users, conversation: conversations, app: messagingApps, defaultLocale: workspaces.defaultLocale })
      .from(conversations)
      .innerJoin(messagingApps, eq(messagingApps.id, conversations.appId))
      .innerJoin(users, eq(users.id, userId))
      .innerJoin(workspaces, eq(workspaces.id, conversations.workspaceId))
      .where(and(eq(conversations.id, conversationId), isNull(conversations.deletedAt), isNull(messagingApps.uninstalledAt)))
      .limit(1);
    if (!row || !row.user.isActive || row.user.workspaceId !== row.conversation.workspaceId) return;
    if (!(await hasAppAccess(tx, { userId, workspaceId: row.user.workspaceId }, row.app.id))) return;

    const { t, format } = await translatorFor(row.user.locale ?? row.defaultLocale);
    const contact = row.conversation.contactName;
    const url = `${appUrl()}${conversationHref(conversationId)}`;
    const email = (
      <NewMessagesEmail
        copy={{
          preview: t("notify.email.newMessagesPreview", { count: pending.length, contact }),
          footer: t("notify.email.footer"),
          cta: t("notify.email.cta"),
        }}
        heading={t("notify.email.newMessagesHeading", { contact, app: row.app.name })}
        url={url}
        messages={pending.map(({ message }) => ({
          sender: contact,
          time: format.dateTime(message.occurredAt, emailTime),
          text: describeMessage(t as Translate, { ...message, attachments: message.attachments.length }, row.app.provider),
        }))}
      />
    );
    await sendEmail(tx, {
        to: row.user.email,
        subject: t("notify.email.newMessagesSubject", { count: pending.length, contact }),
        html: await render(email),
        text: await render(email, { plainText: true }),
        idempotencyKey: `digest:${userId}:${conversationId}:${cursor.generation}`,
    });
    await tx.update(emailCursors).set({ lastEmailAt: new Date() }).where(cursorKey);
  });
}

export const sendEmailDigestJob = defineJob({
  queue: "notify.email-digest",
  // `generation` names the digest's window; it only keys the job (rows queued before it existed lack it).
  payload: z.object({ userId: z.uuid(), conversationId: z.uuid(), generation: z.number().int().optional() }),
  dedupeKey: ({ userId, conversationId, generation }) => `notify.email-digest:${userId}:${conversationId}:${generation ?? 0}`,
  async handle(db, { userId, conversationId }) {
    try {
      await sendEmailDigest(db, userId, conversationId);
    } catch (error) {
      if (error instanceof EmailRefusedError) throw new PermanentJobError(error.message);
      throw error;
    }
  },
});
