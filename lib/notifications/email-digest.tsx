import "server-only";
import { render } from "@react-email/render";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { NewMessagesEmail } from "@/components/emails/new-messages-email";
import { getDb } from "@/db/index";
import { conversations, emailCursors, messages, messagingApps, users, workspaces } from "@/db/schema";
import { appUrl } from "@/lib/env";
import { translatorFor } from "@/lib/i18n/translator";
import { hasAppAccess } from "@/lib/inbox/access";
import { enqueueJob } from "@/lib/jobs/queue";
import { EMAIL_WINDOW_MS, SEND_EMAIL_DIGEST } from "./jobs/queues";
import { sendEmail } from "./send-email";

const DIGEST_MESSAGE_LIMIT = 50;

/**
 * Spec §6 coalescing. Every message that should email a user queues the digest of the current
 * window: due at once when the last email is older than 5 minutes, else when the window ends.
 * Messages of one window share one job (its dedupe key names the window), so a burst makes
 * one email now and one listing the rest. The cursor row is locked, so this and a digest
 * being sent serialise.
 */
export async function scheduleEmailDigest(userId: string, conversationId: string, messageCreatedAt: Date): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .insert(emailCursors)
      .values({ userId, conversationId, lastEmailAt: new Date(0), coveredUntil: new Date(messageCreatedAt.getTime() - 1) })
      .onConflictDoNothing();
    const [cursor] = await tx
      .select()
      .from(emailCursors)
      .where(and(eq(emailCursors.userId, userId), eq(emailCursors.conversationId, conversationId)))
      .for("update");
    if (!cursor || messageCreatedAt <= cursor.coveredUntil) return;
    const windowEnd = new Date(cursor.lastEmailAt.getTime() + EMAIL_WINDOW_MS);
    await enqueueJob(
      tx,
      SEND_EMAIL_DIGEST,
      { userId, conversationId },
      {
        dedupeKey: `${SEND_EMAIL_DIGEST}:${userId}:${conversationId}:${cursor.lastEmailAt.toISOString()}`,
        runAt: windowEnd > new Date() ? windowEnd : undefined,
      },
    );
  });
}

/** Sends the email listing every inbound message since the previous one, and moves the cursor. */
export async function sendEmailDigest(userId: string, conversationId: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [cursor] = await tx
      .select()
      .from(emailCursors)
      .where(and(eq(emailCursors.userId, userId), eq(emailCursors.conversationId, conversationId)))
      .for("update");
    if (!cursor) return;
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

    const pending = await tx
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, "inbound"), gt(messages.createdAt, cursor.coveredUntil)))
      .orderBy(asc(messages.createdAt))
      .limit(DIGEST_MESSAGE_LIMIT);
    if (pending.length === 0) return;

    const { t, format } = await translatorFor(row.user.locale ?? row.defaultLocale);
    const contact = row.conversation.contactName;
    const url = `${appUrl()}/messaging/c/${conversationId}`;
    const email = (
      <NewMessagesEmail
        copy={{
          preview: t("notify.email.newMessagesPreview", { count: pending.length, contact }),
          footer: t("notify.email.footer"),
          cta: t("notify.email.cta"),
        }}
        heading={t("notify.email.newMessagesHeading", { contact, app: row.app.name })}
        url={url}
        messages={pending.map((message) => ({
          sender: contact,
          time: format.dateTime(message.occurredAt, { dateStyle: "medium", timeStyle: "short", timeZoneName: "short" }),
          text: message.text || t("notify.attachmentBody"),
        }))}
      />
    );
    await sendEmail({
      to: row.user.email,
      subject: t("notify.email.newMessagesSubject", { count: pending.length, contact }),
      html: await render(email),
      text: await render(email, { plainText: true }),
      idempotencyKey: `digest:${userId}:${conversationId}:${cursor.coveredUntil.toISOString()}`,
    });
    await tx
      .update(emailCursors)
      .set({ lastEmailAt: new Date(), coveredUntil: pending.at(-1)!.createdAt })
      .where(and(eq(emailCursors.userId, userId), eq(emailCursors.conversationId, conversationId)));
  });
}
