import { render } from "@react-email/render";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { NoticeEmail } from "@/components/emails/notice-email";
import { getDb } from "@/db/index";
import { users, workspaces } from "@/db/schema";
import { appUrl } from "@/lib/env";
import { translatorFor } from "@/lib/i18n/translator";
import { defineJobHandler, type JobContext } from "@/lib/jobs/worker";
import { NOTIFICATION_EVENTS } from "../events";
import { claimDelivery, finishDelivery } from "../deliveries";
import { notifyDesktop } from "../notify-user";
import { loadPreferences } from "../preferences";
import { sendEmail } from "../send-email";
import { NOTIFY_TEST } from "./queues";
import { HOME_PATH } from "@/lib/paths";

const payloadSchema = z.object({ userId: z.uuid() });

/** "Send a test notification": every browser of the user, the open tab, and email if any event emails them. */
defineJobHandler(NOTIFY_TEST, async (payload, context: JobContext) => {
  const { userId } = payloadSchema.parse(payload);
  const db = await getDb();
  const [row] = await db
    .select({ user: users, defaultLocale: workspaces.defaultLocale })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row?.user.isActive) return;
  const { user } = row;
  const { t } = await translatorFor(user.locale ?? row.defaultLocale);
  const deliveryKey = `${NOTIFY_TEST}:${context.jobId}`;
  const claim = { userId, event: "test", conversationId: null };
  await notifyDesktop(deliveryKey, { ...claim, channel: "desktop", workspaceId: user.workspaceId, appId: null }, {
    title: t("notify.testTitle"),
    body: t("notify.testBody"),
    url: HOME_PATH,
    tag: "switchboard-test",
  });

  const preferences = (await loadPreferences(db, [userId])).get(userId)!;
  const emailKey = `${deliveryKey}:email`;
  if (NOTIFICATION_EVENTS.some((event) => preferences[event].email) && (await claimDelivery(emailKey, { ...claim, channel: "email" }))) {
    const email = (
      <NoticeEmail
        copy={{ preview: t("notify.email.testSubject"), footer: t("notify.email.footer"), cta: t("notify.email.ctaInbox") }}
        heading={t("notify.email.testSubject")}
        body={t("notify.email.testBody")}
        url={`${appUrl()}${HOME_PATH}`}
      />
    );
    await sendEmail({
      to: user.email,
      subject: t("notify.email.testSubject"),
      html: await render(email),
      text: await render(email, { plainText: true }),
      idempotencyKey: emailKey,
    });
    await finishDelivery(emailKey, "sent");
  }
});
